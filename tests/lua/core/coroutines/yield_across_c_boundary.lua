-- yielding from inside a C function that does not allow it (table.sort comparator) is an error
local co = coroutine.create(function()
  table.sort({3, 2, 1}, function(a, b) coroutine.yield() return a < b end)
end)
print(coroutine.resume(co))
local co2 = coroutine.create(function()
  return string.gsub("abc", "%w", function(c) coroutine.yield(c) end)
end)
print(coroutine.resume(co2))
