local t = {}
print(pcall(function() t.x() end))
print(pcall(function() local a = 1 a() end))
print(pcall(function() undefinedfn() end))
print(pcall(function() t:method() end))
print(pcall(function() ("x")() end))
print(pcall(function() local s = "abc" s.bad() end))
