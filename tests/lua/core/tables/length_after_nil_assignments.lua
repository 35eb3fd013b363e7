local t = {1, 2, 3, 4, 5}
t[5] = nil
print(#t)
t[4] = nil t[3] = nil
print(#t)
t[3] = 3
local n = #t
print(n == 2 or n == 3)
local e = {}
e[1] = nil
print(#e)
