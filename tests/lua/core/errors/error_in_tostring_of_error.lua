-- print's tostring of a value whose __tostring errors propagates that error
local obj = setmetatable({}, {__tostring = function() error("cannot describe", 0) end})
print(pcall(print, obj))
print(pcall(string.format, "%s", obj))
