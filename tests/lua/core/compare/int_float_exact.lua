local M = math.maxinteger
print(M < 2^63, M + 0.0 == 2^63, M == 2^63, M < M + 0.0)
print(math.mininteger == -2^63, math.mininteger < -2^63, math.mininteger <= -2^63)
print(2^53 < 2^53 + 1, 9007199254740993 > 2^53, 9007199254740993 == 2^53)
print(1 < 1.5, 2 > 1.5, -1 < -0.5, 3 <= 3.0, 3 >= 3.0)
print(1 < 0/0, 1 > 0/0, 0/0 ~= 0/0, math.huge > M, -math.huge < math.mininteger)
