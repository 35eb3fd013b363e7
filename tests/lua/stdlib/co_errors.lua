-- resume errors: dead coroutines, errors inside, non-string errors, bad arguments
local co = coroutine.create(function() error("inside") end)
print(coroutine.resume(co))
print(coroutine.resume(co))
local co2 = coroutine.create(function() error({code = 1}) end)
local ok, e = coroutine.resume(co2)
print(ok, type(e), e.code)
local co3 = coroutine.create(function() error("no position", 0) end)
print(coroutine.resume(co3))
print(pcall(coroutine.resume, 1))
print(pcall(coroutine.resume))
print(pcall(coroutine.create, 1))
print(pcall(coroutine.create))
-- resuming a running/normal coroutine
local self
self = coroutine.create(function() return coroutine.resume(self) end)
print(coroutine.resume(self))
local main = coroutine.running()
print(coroutine.resume(main))
local outer
outer = coroutine.create(function()
  local inner = coroutine.create(function() return coroutine.resume(outer) end)
  return coroutine.resume(inner)
end)
print(coroutine.resume(outer))
-- yield outside a coroutine
print(pcall(coroutine.yield, 1))
-- yield across a C boundary that cannot yield
local co4 = coroutine.create(function() table.sort({3, 2, 1}, function(a, b) coroutine.yield() return a < b end) end)
print(coroutine.resume(co4))
