for _, v in ipairs{42, "str", true, 1.5} do print(pcall(error, v)) end
local t = {}
local ok, e = pcall(error, t) print(ok, e == t)
print(pcall(error, nil))
print(pcall(error))
print(select("#", pcall(error)))
