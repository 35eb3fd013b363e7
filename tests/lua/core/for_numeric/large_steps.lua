for i = 1, 10, math.maxinteger do io.write(i, " ") end print()
for i = -1, -10, math.mininteger do io.write(i, " ") end print()
for i = math.mininteger, math.maxinteger, math.maxinteger do io.write(i, " ") end print()
local n = 0 for i = 0, 10, 3 do n = n + 1 end print(n)
