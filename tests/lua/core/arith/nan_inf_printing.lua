local inf, nan = math.huge, 0/0
print(inf, -inf, tostring(inf), tostring(-inf))
print(string.format("%.1f", inf), string.format("%g", -inf))
print(nan ~= nan, nan == nan, nan < nan, nan > 1, not (nan <= nan))
print(math.huge // 1, -math.huge % 2 ~= -math.huge % 2)
print(math.type(inf), math.tointeger(inf))
