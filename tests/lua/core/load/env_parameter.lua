local env = {}
local f = load("x = 1; return x", "c", "t", env)
print(f(), env.x, x)
local g = load("return print", "c", "t", nil)
print(pcall(g))
local dumped = string.dump(load("y = 5"))
local e2 = {}
load(dumped, "d", "b", e2)()
print(e2.y, y)
