-- floats with an exact integer value convert; strings are not coerced for bitwise operators
print(2.0 & 3, 4.0 | 1.0, 2^53 | 0)
print(pcall(function() return 1.5 & 1 end))
print(pcall(function() return 1e100 | 0 end))
print(pcall(function() return math.huge ~ 1 end))
print(pcall(function() return (0/0) >> 1 end))
print(pcall(function() return {} & 1 end))
print(pcall(function() return "3" & 1 end))
print(pcall(function() local s = "1.5" return s | 0 end))
