local env = {print = print, tostring = tostring}
local f = load("v = 42 print(v) return _ENV", "chunk", "t", env)
print(f() == env, env.v, v)
local g = load("return x", "c", "t", setmetatable({}, {__index = function(_, k) return k .. "!" end}))
print(g())
print(debug.getupvalue(f, 1) == "_ENV", select(2, debug.getupvalue(f, 1)) == env)
