-- loops near the integer limits must not wrap around
local n = 0
for i = math.maxinteger - 2, math.maxinteger do n = n + 1 end
print(n)
n = 0
for i = math.mininteger, math.mininteger + 2 do n = n + 1 end
print(n)
n = 0
for i = math.mininteger + 2, math.mininteger, -1 do n = n + 1 end
print(n)
n = 0
for i = 1, math.maxinteger, math.maxinteger // 2 do n = n + 1 end
print(n)
for i = math.maxinteger, math.maxinteger, 10 do print("once", i) end
for i = 0, math.mininteger, math.mininteger do io.write(i, " ") end print()
