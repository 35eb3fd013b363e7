print(0.1 + 0.2 == 0.3, 0.1 + 0.2, 0.5 + 0.25 == 0.75)
print(1 == 1.0, math.maxinteger == math.maxinteger + 0.0, 2^53 == 2^53 + 1)
print(math.maxinteger + 0.0 == 2^63, math.maxinteger < 2^63)
