local function count(...) return select("#", ...) end
local args = {}
for i = 1, 250 do args[i] = i end
print(count(table.unpack(args)))
local function ret_many() return table.unpack(args) end
local r = {ret_many()}
print(#r, r[250])
print(select(200, table.unpack(args)))
