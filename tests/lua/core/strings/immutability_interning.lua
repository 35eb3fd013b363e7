local a = "hello"
local b = "hel" .. "lo"
print(a == b, rawequal(a, b))
local long1 = string.rep("x", 100) .. "!"
local long2 = string.rep("x", 100) .. "!"
print(long1 == long2, rawequal(long1, long2))
local t = {} t[long1] = 1 print(t[long2])
