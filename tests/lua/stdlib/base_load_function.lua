-- load from reader functions: pieces, nil/empty end, bad pieces
local pieces = {"return ", "1 ", "+ ", "41"}
local i = 0
print(load(function() i = i + 1; return pieces[i] end)())
local j = 0
print(load(function() j = j + 1; if j == 1 then return "return 'a'" elseif j == 2 then return "" end return "junk" end)())
print(type(load(function() return nil end)))
local once = false
print(load(function() if once then return nil end once = true return 1 end))
print(pcall(load, function() return {} end))
print(pcall(load, function() error("reader failed") end))
local marker = {}
local okm, nilm, errm = pcall(load, function() error(marker) end)
print(okm, nilm, errm == marker)
local k = 0
local env = {z = "zz"}
print(load(function() k = k + 1; if k == 1 then return "return z" end end, "=reader", "t", env)())
local n = 0
print(load(function() n = n + 1; if n == 1 then return "return +" end end, "=rd"))
print(load(function() end, "=x")())
