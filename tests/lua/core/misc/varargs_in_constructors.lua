local function pack(...) return {...}, select("#", ...) end
local t, n = pack(1, nil, 3)
print(n, t[1], t[3])
local function f(...) return {n = select("#", ...), ...} end
local r = f("a", "b")
print(r.n, r[1], r[2])
local function g(...) local a, b = ... return a, b end
print(g(9))
