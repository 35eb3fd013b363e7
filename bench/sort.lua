-- bench: size=350000 growth=linear
-- table.sort: numbers with the default order, numbers with a Lua comparator,
-- and strings, on pseudo-random data.
local n = tonumber(arg and arg[1]) or 350000

local seed = 42
local function random(m)
  seed = seed * 16807 % 2147483647
  return seed % m
end

local function checksum(list)
  local sum = 0
  local step = math.floor(#list / 1000) + 1
  for i = 1, #list, step do sum = (sum + (i % 1009) * (list[i] % 10007)) % 1000000007 end
  return sum
end

local numbers = {}
for i = 1, n do numbers[i] = random(1000000) end
local copy = {}
for i = 1, n do copy[i] = numbers[i] end

table.sort(numbers)
local ascending = checksum(numbers)

table.sort(copy, function(a, b) return a > b end)
local descending = checksum(copy)

local strings = {}
for i = 1, n / 4 do strings[i] = "k" .. random(100000) .. "x" .. (i % 17) end
table.sort(strings)
local text_sum = 0
for i = 1, #strings, 97 do text_sum = (text_sum + #strings[i] * i + strings[i]:byte(2)) % 1000000007 end

local records = {}
for i = 1, n / 4 do records[i] = { key = random(1000), id = i } end
table.sort(records, function(a, b)
  if a.key ~= b.key then return a.key < b.key end
  return a.id < b.id
end)
local record_sum = 0
for i = 1, #records, 13 do record_sum = (record_sum + records[i].id * (i % 101)) % 1000000007 end

print(string.format("%d %d %d %d %d", ascending, descending, text_sum, record_sum, numbers[1] + copy[1]))
