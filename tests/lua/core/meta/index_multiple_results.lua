-- metamethod results are adjusted to one value
local t = setmetatable({}, {__index = function() return 1, 2, 3 end,
                            __call = function() return 1, 2, 3 end,
                            __add = function() return 4, 5 end})
print(t.x, select("#", t.x))
print(t())
print(t + 1, select("#", t + 1))
