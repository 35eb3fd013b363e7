local names = {}
for i = 1, 190 do names[i] = "a" .. i end
local src = "local " .. table.concat(names, ", ") .. " = " .. string.rep("1, ", 189) .. "1\n" ..
            "return " .. table.concat(names, " + ") .. ", {" .. table.concat(names, ", ") .. "}"
local sum, t = load(src)()
print(sum, #t)
local wide = {}
for i = 1, 240 do wide[i] = tostring(i) end
print(select("#", load("return " .. table.concat(wide, ", "))()))
for i = 241, 300 do wide[i] = tostring(i) end
print(load("return " .. table.concat(wide, ", ")))
