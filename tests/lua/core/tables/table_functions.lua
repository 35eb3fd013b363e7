local t = {5, 2, 8, 1}
table.sort(t) print(table.concat(t, " "))
table.insert(t, 3) table.insert(t, 1, 0) print(table.concat(t, " "))
print(table.remove(t), table.remove(t, 1), table.concat(t, " "))
print(table.concat({1, 2.5, "x"}, "-", 2, 3))
local moved = table.move({1, 2, 3}, 1, 3, 2) print(table.concat(moved, ","))
print(pcall(table.concat, {1, {}, 3}))
