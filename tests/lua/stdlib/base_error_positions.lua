-- error levels pick the position of the right caller; error objects pass through untouched
local function where(level) error("msg", level) end
local function call_where(level) where(level) end
for level = 0, 4 do print(level, select(2, pcall(call_where, level))) end
print(select(2, pcall(function() error("direct") end)))
print(select(2, pcall(function() error("direct", 2) end)))
print(select(2, pcall(function() local t = nil; return t.x end)))
print(select(2, pcall(function() return 1 + {} end)))
print(select(2, pcall(function() return #5 end)))
print(select(2, pcall(function() return ("x")() end)))
print(select(2, pcall(error, "lvl1 from pcall", 1)))
print(select(2, pcall(error, "lvl2 from pcall", 2)))
local ok, e = pcall(error, setmetatable({}, {__tostring = function() return "custom error object" end}))
print(ok, tostring(e))
print(select(2, pcall(error, "with newline\nsecond line")))
print(select(2, xpcall(call_where, debug.traceback, 1)):match("^[^\n]*"))
