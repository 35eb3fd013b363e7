local weak_keys = setmetatable({}, {__mode = "k"})
local weak_values = setmetatable({}, {__mode = "v"})
local keep = {}
weak_keys[keep] = "kept" weak_keys[{}] = "dropped"
weak_values[1] = keep weak_values[2] = {}
weak_values[3] = "strings are values, not collected"
collectgarbage() collectgarbage()
local n = 0 for _ in pairs(weak_keys) do n = n + 1 end
print(n, weak_keys[keep])
print(weak_values[1] == keep, weak_values[2], weak_values[3])
