local t = {[1] = "a", [2.0] = "b", [3.5] = "c"}
local keys = {}
for k in pairs(t) do keys[#keys + 1] = string.format("%s:%s", math.type(k), k) end
table.sort(keys)
print(table.concat(keys, " "))
