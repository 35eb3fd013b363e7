local counter = 0
local co = coroutine.wrap(function()
  while true do counter = counter + 1 coroutine.yield(counter) end
end)
co() co()
counter = counter + 10
print(co(), counter)
local function make()
  local v = 0
  return coroutine.wrap(function() while true do v = v + 1 coroutine.yield(v) end end), function() return v end
end
local gen, peek = make()
gen() gen()
print(peek())
