-- 200 locals in one function are allowed
local parts = {}
for i = 1, 200 do parts[#parts + 1] = "local v" .. i .. " = " .. i end
parts[#parts + 1] = "return v1 + v200"
print(load(table.concat(parts, "\n"))())
local too_many = {}
for i = 1, 201 do too_many[#too_many + 1] = "local v" .. i end
print(load(table.concat(too_many, "\n")))
