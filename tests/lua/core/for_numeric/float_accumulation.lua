-- float loops compute the control value by repeated addition; count the iterations
local n = 0
for x = 0, 1, 0.1 do n = n + 1 end
print(n)
local m = 0
for x = 1, 0, -0.25 do m = m + 1 end
print(m)
for x = 0.5, 0.5 do print("single", x) end
