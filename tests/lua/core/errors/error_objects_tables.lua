local E = {}
E.__index = E
E.__tostring = function(e) return "E(" .. e.code .. ")" end
local function throw(code) error(setmetatable({code = code}, E)) end
local ok, e = pcall(throw, 404)
print(ok, getmetatable(e) == E, e.code, tostring(e))
local ok2, e2 = pcall(function() local ok3, e3 = pcall(throw, 1) error(e3) end)
print(ok2, e2.code)
