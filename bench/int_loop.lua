-- bench: size=27000000 growth=linear
-- Integer loops: numeric for, while, modulo and comparisons on small integers.
-- Values stay far below 2^53 so LuaJIT's doubles give the same results.
local n = tonumber(arg and arg[1]) or 27000000

local sum, hash = 0, 1
for i = 1, n do
  sum = sum + i % 7 * 3
  if sum > 1000000 then sum = sum - 999983 end
  hash = (hash * 31 + i) % 65521
end

local count, j = 0, n
while j > 0 do
  if j % 3 == 0 then count = count + 2 else count = count + 1 end
  j = j - 4
end

print(string.format("%d %d %d", sum, hash, count))
