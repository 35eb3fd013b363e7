print(-"2", -"2.5", -" 0x10 ")
print(pcall(function() return -"abc" end))
print("10" + 0, "10" * "2", "3" // 2)
print(pcall(function() return "1" < 2 end))
