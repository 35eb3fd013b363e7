for i, v in ipairs({"a", "b", nil, "d"}) do io.write(i, v, " ") end print()
local keys = {}
for k in pairs({x = 1, y = 2, z = 3}) do keys[#keys + 1] = k end
table.sort(keys) print(table.concat(keys, ","))
for k, v in next, {10} do print(k, v) end
