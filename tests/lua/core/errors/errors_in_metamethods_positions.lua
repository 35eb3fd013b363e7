local t = setmetatable({}, {__add = function(a, b) error("bad add") end,
                            __index = function(t, k) error("bad index " .. k, 2) end})
print(pcall(function() return t + 1 end))
print(pcall(function() return t.field end))
