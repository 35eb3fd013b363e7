local t = {}
local function k(n) io.write("k", n, " ") return n end
t[k(1)], t[k(2)] = k(3), k(4)
print()
print(t[1], t[2])
local a = {}
a.x, a.y = 1
print(a.x, a.y)
