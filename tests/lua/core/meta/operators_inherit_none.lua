-- metamethods are raw lookups in the metatable: __index on a metatable does not provide them
local proto = {__add = function() return "added" end}
local mt = setmetatable({}, {__index = proto})
local obj = setmetatable({}, mt)
print(pcall(function() return obj + 1 end))
mt.__add = proto.__add
print(obj + 1)
