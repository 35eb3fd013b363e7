local mt = {__eq = function(a, b) print("__eq called") return true end}
local a, b = setmetatable({}, mt), setmetatable({}, mt)
print(a == b, a ~= b)
print(a == a)
print(a == 1, rawequal(a, b))
local c = setmetatable({}, {__eq = function() return 1 end})
print(c == {}, {} == c)
