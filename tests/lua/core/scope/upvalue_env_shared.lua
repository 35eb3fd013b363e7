-- functions defined in the same chunk share the same _ENV upvalue
local function a() return marker end
local function b() return marker end
marker = "global"
print(a(), b())
local _, env_a = debug.getupvalue(a, 1)
local _, env_b = debug.getupvalue(b, 1)
print(env_a == env_b, env_a == _G)
print(debug.upvalueid(a, 1) == debug.upvalueid(b, 1))
