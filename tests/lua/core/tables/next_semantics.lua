local t = {10, 20, 30}
local k, v = next(t)
print(k, v)
print(next({}), next({}, nil))
print(pcall(next, t, "no such key"))
local seen = 0
for k in next, {a = 1, b = 2, c = 3} do seen = seen + 1 end
print(seen)
