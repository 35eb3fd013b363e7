-- xpcall handlers: traceback as handler, handler arguments, results, runtime errors
local function fails() local t = nil; return t.field end
local ok, tb = xpcall(fails, debug.traceback)
print(ok, tb:match("^[^\n]+"), select(2, tb:gsub("\n", "\n")) > 1)
print(xpcall(fails, function(m) return "H(" .. m .. ")" end))
print(xpcall(fails, function(...) return select("#", ...) end))
print(xpcall(error, function(m) return m end, "plain", 0))
print(xpcall(error, function(m) return type(m) end))
print(xpcall(function(...) return ... end, print, "ok", nil, 3))
print(xpcall(error, function(m) return m, "second" end, "two results"))
local depth = 0
print(xpcall(fails, function(m) depth = depth + 1; if depth < 3 then error(m) end return "final" end))
print(select("#", xpcall(function() end, print)))
print(pcall(xpcall))
print(pcall(xpcall, print, 1))
print(xpcall(string.rep, print, "ab", 3))
