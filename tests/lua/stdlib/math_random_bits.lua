-- exact bits of the generator: floats in hexadecimal, full 64-bit integers, projections
for _, seed in ipairs{0, 1, 42, -1, math.maxinteger, math.mininteger} do
  math.randomseed(seed)
  local out = {}
  for i = 1, 4 do out[#out + 1] = string.format("%a", math.random()) end
  for i = 1, 3 do out[#out + 1] = string.format("%x", math.random(0)) end
  for _, n in ipairs{1, 2, 3, 7, 10, 1000, 2^31, 2^62 + 1} do out[#out + 1] = math.random(math.tointeger(n)) end
  print(seed, table.concat(out, " "))
end
math.randomseed(7, 9)
local counts = {0, 0, 0}
for i = 1, 3000 do local v = math.random(3) counts[v] = counts[v] + 1 end
print(counts[1], counts[2], counts[3])
math.randomseed(123)
print(math.random(-3, 3), math.random(math.mininteger, math.mininteger + 10), math.random(math.maxinteger - 5, math.maxinteger))
