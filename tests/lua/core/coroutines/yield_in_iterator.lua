local function iter()
  return coroutine.wrap(function() for i = 1, 3 do coroutine.yield(i, i * i) end end)
end
for i, sq in iter() do io.write(i, "^2=", sq, " ") end print()
local producer = coroutine.wrap(function()
  for k, v in pairs({a = 1}) do coroutine.yield(k, v) end
end)
print(producer())
local sorted = coroutine.wrap(function()
  local t = {3, 1, 2}
  table.sort(t, function(a, b) return a < b end)
  coroutine.yield(table.concat(t, ","))
end)
print(sorted())
