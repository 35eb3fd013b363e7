-- getmetatable/setmetatable, __metatable protection
local t = {}
print(getmetatable(t))
local mt = {}
print(setmetatable(t, mt) == t, getmetatable(t) == mt)
print(setmetatable(t, nil) == t, getmetatable(t))
print(getmetatable("abc").__index == string)
mt.__metatable = "locked"
setmetatable(t, mt)
print(getmetatable(t))
print(pcall(setmetatable, t, {}))
print(pcall(setmetatable, t, nil))
print(pcall(setmetatable, 1, {}))
print(pcall(setmetatable, {}, 1))
print(pcall(setmetatable, {}))
print(pcall(getmetatable))
mt.__metatable = false
print(getmetatable(t))
print(pcall(setmetatable, t, {}))
print(getmetatable(print), getmetatable(1), getmetatable(nil))
