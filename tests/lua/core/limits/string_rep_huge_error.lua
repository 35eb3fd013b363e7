print(pcall(string.rep, "x", math.maxinteger))
print(pcall(string.rep, "x", 2^62 // 1 | 0, ","))
