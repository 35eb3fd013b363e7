-- table.insert and table.remove: positions, bounds, return values
local function dump(t, n) local out = {} for i = 1, n or #t do out[i] = tostring(t[i]) end return table.concat(out, ",") end
local t = {}
table.insert(t, "a"); table.insert(t, "b"); table.insert(t, 1, "z"); table.insert(t, 2, "y")
print(dump(t), #t)
table.insert(t, #t + 1, "end")
print(dump(t))
print(pcall(table.insert, t, 0, "x"))
print(pcall(table.insert, t, #t + 2, "x"))
print(pcall(table.insert, t, -1, "x"))
print(pcall(table.insert, t))
print(pcall(table.insert, t, 1, 2, 3))
print(pcall(table.insert, t, "x", 1))
print(pcall(table.insert, t, 1.5, 1))
print(pcall(table.insert, nil, 1))
print(pcall(table.insert, {}, math.mininteger, 1))
print(table.remove(t), dump(t))
print(table.remove(t, 1), dump(t))
print(table.remove(t, 2), dump(t))
print(table.remove(t, #t + 1), dump(t))
local e = {}
print(table.remove(e), table.remove(e, 0), table.remove(e, 1), #e)
print(pcall(table.remove, e, 2))
print(pcall(table.remove, e, -1))
local one = {"x"}
print(table.remove(one, 1), #one, table.remove(one))
local z = {[0] = "zero"}
print(table.remove(z, 0), z[0])
print(pcall(table.remove, {1, 2, 3}, 5))
print(pcall(table.remove, {1, 2, 3}, 0))
print(pcall(table.remove, {1, 2, 3}, 4))
print(pcall(table.remove))
local holes = {1, 2, 3}
table.insert(holes, 2, nil)
print(holes[1], holes[2], holes[3], holes[4])
table.insert(holes, 1, false)
print(holes[1], holes[2], holes[5])
