local calls = 0
local t = setmetatable({exists = true}, {__index = function() calls = calls + 1 end})
local _ = t.exists
local _ = t.missing
local _ = rawget(t, "missing")
print(calls)
