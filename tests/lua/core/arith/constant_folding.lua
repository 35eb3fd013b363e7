-- results must equal the run-time results whether or not the compiler folds them
local function rt(a, b) return a // b, a % b, a / b end
print(7 // 2, 7 % 2, 7 / 2)
print(rt(7, 2))
print(2^63, math.maxinteger + 1, 1 << 63, -(-9223372036854775807 - 1))
print(pcall(load("return 1 // 0")))
print(pcall(load("return 1 % 0")))
print(1 // 0.0, 0x7fffffffffffffff + 1)
print(3 & 5.0, pcall(load("return 3 & 5.5")))
