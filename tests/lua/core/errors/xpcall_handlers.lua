print(xpcall(function() error("E") end, function(m) return "handled: " .. m end))
print(xpcall(function(a, b) return a + b end, print, 3, 4))
print(xpcall(function() error({}) end, function(e) return type(e) end))
print(xpcall(function() error("x") end, function(m) error("in handler") end))
print(pcall(xpcall))
print(pcall(xpcall, print))
local function handler(m) return debug.traceback(m, 1):match("^[^\n]*") end
print(xpcall(function() local x = nil; return x.field end, handler))
