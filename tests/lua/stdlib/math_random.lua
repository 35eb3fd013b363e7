-- xoshiro256** sequences for fixed seeds must match lua5.4 exactly
print(math.randomseed(42))
local t = {}
for i = 1, 10 do t[i] = math.random(1, 100) end
print(table.concat(t, " "))
for i = 1, 5 do io.write(string.format("%.17g ", math.random())) end print()
for i = 1, 5 do io.write(math.random(0), " ") end print()
for i = 1, 5 do io.write(math.random(6), " ") end print()
for i = 1, 5 do io.write(math.random(-10, 10), " ") end print()
for i = 1, 3 do io.write(math.random(math.mininteger, math.maxinteger), " ") end print()
for i = 1, 3 do io.write(math.random(math.maxinteger), " ") end print()
for i = 1, 3 do io.write(math.random(0, math.maxinteger), " ") end print()
for i = 1, 3 do io.write(math.random(math.mininteger, -1), " ") end print()
print(math.random(5, 5), math.random(math.maxinteger, math.maxinteger))
print(math.randomseed(1, 2))
print(math.random(1000), math.random(1000), math.random())
print(math.randomseed(-1))
print(math.random(1 << 40), math.random(3, 3 + (1 << 33)))
print(math.randomseed(0))
local a = {math.random(100), math.random(100), math.random(100)}
math.randomseed(0)
local b = {math.random(100), math.random(100), math.random(100)}
print(a[1] == b[1] and a[2] == b[2] and a[3] == b[3])
print(math.randomseed(2.0))
print(math.random(10))
print(pcall(math.randomseed, 1.5))
print(pcall(math.randomseed, "x"))
print(pcall(math.random, 2, 1))
print(pcall(math.random, 0, -1))
print(pcall(math.random, 1, 2, 3))
print(pcall(math.random, 1.5))
print(pcall(math.random, "a"))
print(pcall(math.random, math.maxinteger, math.mininteger))
print(select('#', math.randomseed()))
local ok = true
for i = 1, 1000 do local v = math.random() if v < 0 or v >= 1 then ok = false end end
for i = 1, 1000 do local v = math.random(3, 7) if v < 3 or v > 7 or math.type(v) ~= "integer" then ok = false end end
print(ok)
