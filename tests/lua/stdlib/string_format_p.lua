-- %p: pointers are unpredictable, so only their shape and identity are checked
local t, f = {}, function() end
print(string.format("%p", 1), string.format("%p", nil), string.format("%p", true), string.format("%p", 2.5))
print(string.format("%p", t) == string.format("%p", t), string.format("%p", t) ~= string.format("%p", {}))
print(string.format("%p", t):match("^0x%x+$") ~= nil, string.format("%p", f):match("^0x%x+$") ~= nil)
print(string.format("%p", print):match("^0x%x+$") ~= nil, string.format("%p", coroutine.create(f)):match("^0x%x+$") ~= nil)
print(#string.format("%40p", t), string.format("%-40p|", t):match("|$"), string.format("[%10p]", 1))
print(pcall(string.format, "%.3p", t))
print(pcall(string.format, "%#p", t))
print(pcall(string.format, "%p"))
