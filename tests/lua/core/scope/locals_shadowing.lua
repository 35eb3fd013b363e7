local x = 1
do local x = 2 print(x) end
print(x)
local x = x + 10
print(x)
local a, b, c = 1, 2
print(a, b, c)
local d <const> = 5
print(d)
