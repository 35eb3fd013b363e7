print(("abc"):len(), ("x").rep("y", 2))
print(pcall(function() return (5).x end))
local smt = getmetatable("")
smt.__index = function(s, k) return "idx:" .. k end
print(("abc").foo)
smt.__index = string
print(("abc"):upper())
