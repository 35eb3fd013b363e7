print(0xF0 & 0x3C, 0xF0 | 0x0F, 0xF0 ~ 0xFF, ~0, ~0xFF)
print(1 << 62, 1 << 63, 1 << 64, 1 << -1, 2 >> 1, -1 >> 1)
print(-1 >> 63, -1 << 63 == math.mininteger, 5 >> -2, 3 >> 64)
print(math.mininteger >> 63, math.maxinteger >> 62)
