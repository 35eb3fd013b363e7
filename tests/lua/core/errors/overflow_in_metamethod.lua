local t = setmetatable({}, {})
getmetatable(t).__index = function(self, k) return self[k] end
local ok, e = pcall(function() return t.x end)
print(ok, e:find("stack overflow") ~= nil)
