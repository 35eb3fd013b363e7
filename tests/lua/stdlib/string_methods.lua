-- method-call syntax, number coercion for string arguments, library table contents
local names = {}
for k in pairs(string) do names[#names + 1] = k end
table.sort(names)
print(table.concat(names, " "))
local s = "Hello"
print(s:len(), s:upper(), s:lower(), s:rep(2), s:sub(2, 3), s:byte(1), s:reverse())
print(s:find("l"), s:match("l+"), s:gsub("l", "L"), s:format())
print(("%5.1f"):format(3.14159), ("x"):rep(3, "-"))
print(#tostring(12345), ("" .. 12):len())
