-- yields across pcall, metamethods, iterators and nested wraps
local co = coroutine.wrap(function()
  local t = setmetatable({}, {__index = function(_, k) return coroutine.yield("index " .. k) end,
                              __add = function(a, b) return coroutine.yield("add") end,
                              __lt = function() return coroutine.yield("lt") end,
                              __concat = function() return coroutine.yield("concat") end,
                              __eq = function() return coroutine.yield("eq") end})
  local u = setmetatable({}, getmetatable(t))
  print("got", t.key)
  print("sum", t + 1)
  print("lt", t < u)
  print("concat", t .. "s")
  print("eq", t == u)
  return "end"
end)
print(co())
print(co("value"))
print(co(3))
print(co(false))
print(co("joined"))
print(co(1))
-- yield inside a for iterator
local gen = coroutine.wrap(function()
  for k in function(_, last) last = (last or 0) + 1; if last <= 3 then coroutine.yield("iter " .. last) return last end end do end
  return "iter done"
end)
print(gen(), gen(), gen(), gen())
-- nested wraps
local outer = coroutine.wrap(function()
  local inner = coroutine.wrap(function() coroutine.yield(1); coroutine.yield(2) end)
  coroutine.yield(inner())
  coroutine.yield(inner())
  return "outer done"
end)
print(outer(), outer(), outer())
-- error after yield inside pcall inside a coroutine
local co2 = coroutine.create(function()
  local ok, err = pcall(function() coroutine.yield("in pcall"); error("after", 0) end)
  coroutine.yield(ok, err)
  local ok2, err2 = xpcall(function() coroutine.yield("in xpcall"); error("x", 0) end, function(m) return "handled " .. m end)
  return ok2, err2
end)
print(coroutine.resume(co2))
print(coroutine.resume(co2))
print(coroutine.resume(co2))
print(coroutine.resume(co2))
print(coroutine.status(co2))
-- a wrapped coroutine's running thread is not the main one
local w = coroutine.wrap(function() local th, main = coroutine.running(); return type(th), main end)
print(w())
