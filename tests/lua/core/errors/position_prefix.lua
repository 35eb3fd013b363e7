-- only string messages get a position; numbers are converted? no: kept as numbers
print(pcall(function() error("s") end))
print(pcall(function() error(12) end))
print(math.type(select(2, pcall(function() error(12) end))))
print(pcall(function() error(setmetatable({}, {__tostring = function() return "obj" end})) end))
