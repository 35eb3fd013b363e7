local parts = {}
for i = 1, 100 do parts[i] = "'" .. (i % 10) .. "'" end
local s = load("return " .. table.concat(parts, " .. "))()
print(#s, s:sub(1, 12))
local vars = {"local a, b = 'x', 'y' return a"}
for i = 1, 150 do vars[#vars + 1] = " .. b" end
print(#load(table.concat(vars))())
local many = {}
for i = 1, 300 do many[i] = "'x'" end
-- too deep for the parser: a plain error message (only its first line is checked)
local f, err = load("return " .. table.concat(many, " .. "))
print(f, (err:match("^[^\n]*")))
