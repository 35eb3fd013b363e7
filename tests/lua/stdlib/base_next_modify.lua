-- next/pairs while clearing fields, integer and float keys, large tables
local t = {}
for i = 1, 100 do t["k" .. i] = i end
local seen = 0
for k, v in pairs(t) do seen = seen + 1; t[k] = nil end
print(seen, next(t))
local mixed = {1, 2, 3, x = "x", [1.5] = "f", [true] = "b"}
local n = 0
for k, v in pairs(mixed) do n = n + 1 end
print(n)
local arr = {}
for i = 1, 10 do arr[i] = i * i end
local order = {}
for k in pairs(arr) do order[#order + 1] = k end
print(table.concat(order, " "))
print(next(arr, 10))
print(pcall(next, arr, 11))
print(next({[2.0] = "two"}))
local keys = {}
local t2 = {10, 20, 30}
for k, v in ipairs(t2) do if k == 1 then t2[3] = nil end keys[#keys + 1] = v end
print(table.concat(keys, " "))
-- ipairs stops at the first nil even when later elements exist
local holes = {1, 2, nil, 4}
local count = 0
for _ in ipairs(holes) do count = count + 1 end
print(count)
-- ipairs with __index on a table that has some elements
local partial = setmetatable({1, 2}, {__index = function(_, i) if i < 5 then return "meta" .. i end end})
for i, v in ipairs(partial) do io.write(i, "=", v, " ") end
print()
