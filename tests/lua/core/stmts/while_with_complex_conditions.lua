local a, b, n = 0, 10, 0
while a < b and not (a == 5) or n > 100 do a = a + 1 n = n + 1 end
print(a, n)
local t = {1, 2, 3, nil, 5}
local i = 1
while t[i] do i = i + 1 end
print(i)
