local function f(a, b) local c = a * b return c + 1, "str", 2.5, nil, true end
local g = load(string.dump(f))
print(g(3, 4))
local stripped = load(string.dump(f, true))
print(stripped(3, 4))
local function with_upvalue() return type(print) end
local h = load(string.dump(with_upvalue))
print(pcall(h))
print(string.dump(f):sub(1, 4) == "\27Lua")
print(pcall(string.dump, print))
