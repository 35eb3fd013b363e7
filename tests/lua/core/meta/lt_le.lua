local mt = {}
mt.__lt = function(a, b) return a.v < b.v end
mt.__le = function(a, b) return a.v <= b.v end
local function o(v) return setmetatable({v = v}, mt) end
print(o(1) < o(2), o(2) < o(1), o(1) <= o(1), o(2) > o(1), o(1) >= o(2))
local only_lt = {__lt = function() return true end}
local x, y = setmetatable({}, only_lt), setmetatable({}, only_lt)
print(x < y, y > x)
print(setmetatable({}, {__lt = function() return "str" end}) < 1)
