local t = {}
for i = 1, 300 do t[i] = "x" end
local s = table.concat(t)
print(#s, #(s .. s .. s))
local a, b, c = "1", "2", "3"
print(a .. b .. c .. a .. b .. c)
print(#("\0" .. "\0"))
