-- float limits are clipped to integers for integer loops
for i = 1, 2.9 do io.write(i, " ") end print()
for i = -1, -2.5, -1 do io.write(i, " ") end print()
local n = 0 for i = 1, 1e100 do n = n + 1 if n == 3 then break end end print(n)
for i = math.maxinteger - 1, 1e100 do io.write(i, " ") end print()
for i = 1, -1e100 do print("never") end
for i = 3, 2^63 , 2^62 do io.write(math.type(i), " ") break end print()
