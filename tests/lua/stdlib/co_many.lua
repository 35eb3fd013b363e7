-- many coroutines: producer/consumer, collection of finished coroutines, deep recursion in coroutines
local function producer(n)
  return coroutine.create(function() for i = 1, n do coroutine.yield(i) end end)
end
local sum = 0
local p = producer(100)
while true do
  local ok, v = coroutine.resume(p)
  if not v then break end
  sum = sum + v
end
print("sum", sum, coroutine.status(p))
local weak = setmetatable({}, {__mode = "k"})
for i = 1, 100 do
  local co = coroutine.create(function() coroutine.yield() end)
  coroutine.resume(co)
  weak[co] = true
end
collectgarbage()
collectgarbage()
local remaining = 0
for _ in pairs(weak) do remaining = remaining + 1 end
print("unreferenced coroutines collected:", remaining == 0)
local function recurse(n) if n == 0 then coroutine.yield("bottom") return 0 end return 1 + recurse(n - 1) end
local deep = coroutine.create(recurse)
print(coroutine.resume(deep, 1000))
print(coroutine.resume(deep))
local chain = {}
for i = 1, 50 do
  chain[i] = coroutine.wrap(function(x) if i > 1 then return chain[i - 1](x + 1) end return x end)
end
print(chain[50](0))
