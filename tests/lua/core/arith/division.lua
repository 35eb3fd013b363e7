print(7 / 2, 8 / 2, math.type(8 / 2))
print(1 / 0, -1 / 0, 0 / 0 ~= 0 / 0)
print(1 / -0.0, 3 / 1e-310)
print(math.mininteger / -1)
