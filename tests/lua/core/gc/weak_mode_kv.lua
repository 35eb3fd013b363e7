local t = setmetatable({}, {__mode = "kv"})
local k = {}
t[k] = {} t[{}] = k t.str = {}
collectgarbage() collectgarbage()
local n = 0 for _ in pairs(t) do n = n + 1 end
print(n)
