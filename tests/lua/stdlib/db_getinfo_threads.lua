-- getinfo/getlocal/traceback on another thread's stack
local co = coroutine.create(function(x)
  local inner = function(y) local z = y + 1; coroutine.yield(z) end
  inner(x)
end)
coroutine.resume(co, 10)
for level = 0, 3 do
  local info = debug.getinfo(co, level, "Sln")
  if info then print(level, info.what, info.currentline, info.name, info.namewhat) else print(level, info) end
end
print(debug.getlocal(co, 1, 1), debug.getlocal(co, 1, 2))
print(debug.getlocal(co, 2, 1))
print(debug.getinfo(co, 1, "f").func ~= nil)
print(pcall(debug.getinfo, co, 1, ">f"))
print(debug.getinfo(co, print, "S").what)
print(pcall(debug.getlocal, co, 10, 1))
print(debug.getinfo(co, 10))
-- a finished coroutine has no levels
coroutine.resume(co)
print(coroutine.status(co), debug.getinfo(co, 0))
-- a fresh coroutine has no active frames either
print(debug.getinfo(coroutine.create(print), 0))
