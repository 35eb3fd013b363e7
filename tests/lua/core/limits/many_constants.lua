-- more constants than fit an 8-bit or 16-bit operand still work
local parts = {"local t = {"}
for i = 1, 70000 do parts[#parts + 1] = "'s" .. i .. "'," end
parts[#parts + 1] = "} return #t, t[1], t[70000]"
print(load(table.concat(parts))())
local q = {"return "}
for i = 1, 300 do q[#q + 1] = (i > 1 and " + " or "") .. i .. ".5" end
print(load(table.concat(q))())
