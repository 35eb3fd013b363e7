-- string.dump: round trip through load, strip flag, upvalues, errors
local function add(a, b) return a + b end
local d = string.dump(add)
print(type(d), d:sub(1, 4) == "\27Lua")
local f = load(d, "dumped", "b")
print(f(2, 3))
local stripped = string.dump(add, true)
print(#stripped <= #d)
print(load(stripped)(10, 20))
local function count()
  local n = 0
  for i = 1, 10 do n = n + i end
  return n, "done"
end
print(load(string.dump(count))())
local k = 5
local function withUp() return k end
local g = load(string.dump(withUp))
print(type(g()), g() == _ENV)
print(pcall(string.dump, print))
print(pcall(string.dump, 42))
print(pcall(string.dump))
print(select(2, load(d, "x", "t")))
local multi = load(string.dump(load("local t = {...} return #t, ...")))
print(multi(1, 2, 3))
