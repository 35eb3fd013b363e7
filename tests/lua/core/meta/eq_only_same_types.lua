local calls = 0
local mt = {__eq = function() calls = calls + 1 return true end}
local t = setmetatable({}, mt)
print(t == 1, t == "t", t == nil, calls)
print(t == setmetatable({}, mt), calls)
local other = setmetatable({}, {__eq = function() calls = calls + 10 return false end})
print(t == other, calls)
print(other == t, calls)
