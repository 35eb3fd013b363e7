local t, s, n = {}, "x", nil
print(pcall(function() return t + 1 end))
print(pcall(function() return 1 - n end))
print(pcall(function() return s * 2 end))
print(pcall(function() return -t end))
print(pcall(function() return t.a.b end))
print(pcall(function() return true // 1 end))
