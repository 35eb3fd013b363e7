-- the exact comparison sequence of table.sort's quicksort (median of three, middle pivot)
local function run(t)
  local log = {}
  table.sort(t, function(a, b) log[#log + 1] = a .. "<" .. b return a < b end)
  return table.concat(t, " "), #log, table.concat(log, " ", 1, math.min(#log, 12))
end
print(run{3, 1, 2})
print(run{5, 4, 3, 2, 1})
print(run{1, 2, 3, 4, 5, 6, 7, 8})
print(run{2, 2, 1, 1, 3, 3})
print(run{9, 1, 8, 2, 7, 3, 6, 4, 5})
local t = {}
for i = 1, 64 do t[i] = (i * 37) % 64 end
local sorted, count = run(t)
print(count, sorted:sub(1, 30))
local d = {}
for i = 1, 99 do d[i] = 100 - i end
print(select(2, run(d)))
