-- assert and error: messages, levels, non-string values
print(assert(1, 2, 3))
print(pcall(assert, false))
print(pcall(assert, nil, "custom message"))
print(pcall(assert, false, 42))
local t = {}
local ok, e = pcall(assert, false, t)
print(ok, e == t)
print(pcall(assert))
print(select("#", assert(true)))
print(pcall(error))
print(pcall(error, "msg"))
print(pcall(error, "msg", 0))
local function lvl1() error("at one", 1) end
local function lvl2() error("at two", 2) end
print(pcall(lvl1))
print(pcall(lvl2))
print(select(2, pcall(error, {code = 7})).code)
print(select(2, pcall(error, setmetatable({}, {__tostring = function() return "obj" end}))))
print(pcall(error, 12))
print(pcall(error, nil))
print(pcall(error, "x", 3))
