-- coroutine.create/resume/yield: passing values both ways, status transitions
local co = coroutine.create(function(a, b)
  print("start", a, b)
  local c, d = coroutine.yield(a + b)
  print("resumed with", c, d)
  local e = coroutine.yield()
  print("last", e)
  return "end", 1, 2
end)
print(type(co), coroutine.status(co))
print(coroutine.resume(co, 1, 2))
print(coroutine.status(co))
print(coroutine.resume(co, "x", "y"))
print(coroutine.resume(co, "z"))
print(coroutine.status(co))
print(coroutine.resume(co))
print(coroutine.resume(co))
-- yield across pcall
local co2 = coroutine.create(function() local ok, v = pcall(coroutine.yield, "inside pcall"); return ok, v end)
print(coroutine.resume(co2))
print(coroutine.resume(co2, "back"))
-- yield from nested Lua calls
local function deep(n) if n == 0 then return coroutine.yield("deep") end return deep(n - 1) end
local co3 = coroutine.create(function() return deep(50) end)
print(coroutine.resume(co3))
print(coroutine.resume(co3, "out"))
-- no values
local co4 = coroutine.create(function(...) return select("#", ...) end)
print(coroutine.resume(co4))
