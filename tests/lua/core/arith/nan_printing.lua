-- NaN prints as the C library prints it with %.14g (on x86-64 glibc, 0/0 has its sign bit set)
local nan = 0/0
print(nan, -nan, tostring(nan) == tostring(0/0))
print(string.format("%.1f", -nan), math.huge - math.huge)
print(nan == nan, math.type(nan), math.tointeger(nan))
