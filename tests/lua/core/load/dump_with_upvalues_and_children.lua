-- dumped functions keep nested functions, constants and upvalue count (upvalues start as nil)
local function make()
  local function child(a) return function(b) return a .. b end end
  return child("x")("y"), 1.5, -7, "s\0z"
end
local loaded = load(string.dump(make))
local r1, r2, r3, r4 = loaded()
print(r1, r2, r3, #r4)
local up = 5
local function uses_up() return up end
local copy = load(string.dump(uses_up, true))
local name, value = debug.getupvalue(copy, 1)
print(name, value == _G)
debug.setupvalue(copy, 1, "set later")
print(copy())
