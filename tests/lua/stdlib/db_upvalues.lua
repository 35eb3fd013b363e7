-- getupvalue/setupvalue/upvalueid/upvaluejoin
local a, b = 1, 2
local function f() return a + b end
local function g() return b end
print(debug.getupvalue(f, 1), debug.getupvalue(f, 2), debug.getupvalue(f, 3))
print(debug.getupvalue(f, 0), debug.getupvalue(f, -1))
print(debug.setupvalue(f, 1, 10), a, f())
print(debug.setupvalue(f, 3, 10))
print(debug.getupvalue(print, 1))
local c = coroutine.wrap(print)  -- a C closure with one upvalue
print(select("#", debug.getupvalue(c, 1)), (debug.getupvalue(c, 1)))
print(type(debug.upvalueid(f, 1)), debug.upvalueid(f, 2) == debug.upvalueid(g, 1), debug.upvalueid(f, 1) == debug.upvalueid(g, 1))
print(debug.upvalueid(f, 3))
print(pcall(debug.upvalueid, f))
print(pcall(debug.upvalueid, 1, 1))
debug.upvaluejoin(g, 1, f, 1)
print(g(), debug.upvalueid(g, 1) == debug.upvalueid(f, 1))
print(pcall(debug.upvaluejoin, f, 3, g, 1))
print(pcall(debug.upvaluejoin, f, 1, g, 5))
print(pcall(debug.upvaluejoin, c, 1, f, 1))
print(pcall(debug.upvaluejoin, f, 1, c, 1))
print(pcall(debug.getupvalue))
print(pcall(debug.getupvalue, f))
print(pcall(debug.setupvalue, f, 1))
local function env_user() return print end
print(debug.getupvalue(env_user, 1), select(2, debug.getupvalue(env_user, 1)) == _ENV)
