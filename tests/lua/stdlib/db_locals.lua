-- debug.getlocal/setlocal: locals, parameters, varargs, temporaries, levels, function arguments
local function f(a, b, ...)
  local c = "cee"
  do local inner = "in" print(debug.getlocal(1, 4)) end
  for i = 1, 3 do
    local name, value = debug.getlocal(1, i)
    print(i, name, value)
  end
  print(debug.getlocal(1, -1), debug.getlocal(1, -2), debug.getlocal(1, -3))
  print(debug.setlocal(1, 1, "A"), a)
  print(debug.setlocal(1, -1, "V1"), ...)
  print(debug.setlocal(1, 50, "x"))
  print(debug.setlocal(1, -10, "x"))
  return c
end
f(1, 2, "v1", "v2")
print(debug.getlocal(f, 1), debug.getlocal(f, 2), debug.getlocal(f, 3))
print(debug.getlocal(print, 1))
local function g() local x = 10; local y = 20; return debug.getlocal(2, 1) end
local outer_local = "outer"
print((g()))
print(pcall(debug.getlocal, 100, 1))
print(pcall(debug.setlocal, 100, 1, 1))
print(pcall(debug.getlocal))
print(pcall(debug.getlocal, 1))
print(pcall(debug.setlocal, 1, 1))
local function h()
  local x = 1
  local function inner() debug.setlocal(2, 1, 99) end
  inner()
  return x
end
print(h())
-- C function locals
print(pcall(function() return debug.getlocal(0, 1) end))
-- locals of a coroutine
local co = coroutine.create(function(p) local q = p * 2; coroutine.yield() end)
coroutine.resume(co, 21)
print(debug.getlocal(co, 1, 1), debug.getlocal(co, 1, 2))
print(debug.setlocal(co, 1, 2, "changed"), debug.getlocal(co, 1, 2))
print(pcall(debug.getlocal, co, 5, 1))
