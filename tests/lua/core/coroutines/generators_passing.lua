local function gen(n)
  return coroutine.wrap(function() for i = 1, n do coroutine.yield(i) end end)
end
local function filter(pred, g)
  return coroutine.wrap(function() for v in g do if pred(v) then coroutine.yield(v) end end end)
end
local out = {}
for v in filter(function(x) return x % 2 == 0 end, gen(10)) do out[#out + 1] = v end
print(table.concat(out, " "))
