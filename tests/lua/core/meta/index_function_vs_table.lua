local calls = 0
local t = setmetatable({present = 1}, {__index = function(_, k) calls = calls + 1 return nil end})
print(t.present, t.absent, t.absent, calls)
local numbers = setmetatable({}, {__index = function(_, n) return n * 2 end})
print(numbers[21], numbers[1.5])
