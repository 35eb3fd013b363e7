local ok, e = xpcall(function() error("first") end, function(m) error("again") end)
print(ok, type(e))
local ok2, e2 = xpcall(function() error("first") end, function(m) return m:upper() end)
print(ok2, e2)
