-- assigning to existing fields (including nil) during traversal is allowed
local t = {}
for i = 1, 10 do t["k" .. i] = i end
local sum = 0
for k, v in pairs(t) do sum = sum + v t[k] = nil end
print(sum, next(t))
local u = {a = 1, b = 2}
for k in pairs(u) do u[k] = 0 end
print(u.a, u.b)
