local loc
up = nil
local t = {}
print(pcall(function() return loc.x end))
print(pcall(function() return up.x end))
print(pcall(function() return t.a.b end))
print(pcall(function() return t[1][2] end))
print(pcall(function() local s = "x" return s.y.z end))
print(pcall(function() return t:nomethod() end))
print(pcall(function() return #loc end))
print(pcall(function() return loc + 1 end))
print(pcall(function() return t.k .. "s" end))
print(pcall(function() return math.nofunc() end))
