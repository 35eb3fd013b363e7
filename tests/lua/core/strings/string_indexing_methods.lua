local s = "hello"
print(s:len(), s.len(s), string.len(s), #s)
print(("x"):rep(3, ","), s:sub(2, 3), s:upper():lower())
print(pcall(function() return s.nonexistent() end))
print(pcall(function() return (5):len() end))
