-- table.sort errors: bad comparator, incomparable values, size
print(pcall(table.sort, {3, 1, "x"}))
print(pcall(table.sort, {1, 2, 3}, 3))
print(pcall(table.sort, {1, 2, 3}, "x"))
print(pcall(table.sort))
print(pcall(table.sort, 3))
local t = {}
for i = 1, 100 do t[i] = i % 7 end
print(pcall(table.sort, t, function(a, b) return true end))
local u = {}
for i = 1, 20 do u[i] = 21 - i end
print(pcall(table.sort, u, function(a, b) return a <= b end))
print(pcall(table.sort, {1, 2}, function() error("cmp failed", 0) end))
print(pcall(table.sort, setmetatable({}, {__len = function() return math.maxinteger end})))
print(pcall(table.sort, setmetatable({}, {__len = function() return 2^31 end})))
print(pcall(table.sort, {1, nil, 3}))
print(pcall(table.sort, {{}, {}}))
