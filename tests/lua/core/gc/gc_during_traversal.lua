local t = setmetatable({}, {__mode = "k"})
for i = 1, 100 do t[{}] = i end
local n = 0
for k, v in pairs(t) do n = n + 1 collectgarbage("step") end
print(n <= 100)
collectgarbage()
print(next(t))
