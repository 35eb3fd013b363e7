-- integer/float boundaries in the math library
local big = 2^63
print(math.floor(big), math.type(math.floor(big)), math.ceil(-big), math.type(math.ceil(-big)))
print(math.floor(big - 1024), math.type(math.floor(big - 1024)), math.ceil(-big + 0.0))
print(math.tointeger(big - 1024), math.tointeger(-big), math.tointeger(big))
print(math.abs(math.mininteger + 1), math.abs(-0), math.abs(-big))
print(math.fmod(-6, 4), math.fmod(6, -4), math.fmod(-6.0, 4), math.fmod(math.mininteger, 3), math.fmod(math.maxinteger, 2))
print(math.max(1, 1.0), math.min(1.0, 1), math.max(-0.0, 0.0), math.min(0.0, -0.0))
print(math.ult(0, math.mininteger), math.ult(math.mininteger, 0), math.ult(-2, -1))
print(3 // 0.0, -3 // 0.0, 3 % math.huge, -3 % math.huge)
print(math.floor(-0.0), math.ceil(-0.5), 1 / math.ceil(-0.5))
print(math.modf(-2.5), math.modf(2^53 + 0.0), math.modf(-1e308))
print(string.format("%.0f", math.floor(1e15 + 0.5)), math.floor(1e15 + 0.5))
