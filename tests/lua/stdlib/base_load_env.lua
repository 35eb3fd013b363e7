-- load's env argument becomes the first upvalue, whatever that upvalue is called
local x = "upvalue x"
local dumped_with_upvalue = string.dump(function() return x end)
local f = load(dumped_with_upvalue, "d", "b", "replaced")
print(f())
local dumped_without = string.dump(function() return 1 end)
print(load(dumped_without, "d", "b", {})())
local g = load("return a, b", "c", "t", {a = 1, b = 2})
print(g())
print((debug.getupvalue(g, 1)))
local h = load("return a", "c", "t")
print(select(2, debug.getupvalue(h, 1)) == _G)
local k = load("return 1", "c", "t", nil)
print(debug.getupvalue(k, 1), select(2, debug.getupvalue(k, 1)))
local env = setmetatable({}, {__index = function(_, name) return "missing " .. name end})
print(load("return foo, bar", "c", "t", env)())
-- loadfile with env
local name = os.tmpname()
local file = assert(io.open(name, "w"))
file:write("v = 'set in env'; return w")
file:close()
local e = {w = "from env"}
print(loadfile(name, "t", e)(), e.v, v)
local okn, errn = pcall(loadfile(name, nil, nil))  -- an explicit nil env
print(okn, (errn:gsub(name, "FILE", 1, true)))
os.remove(name)
