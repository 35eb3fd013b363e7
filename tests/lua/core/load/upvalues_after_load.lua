-- load gives the first upvalue of a loaded function the global environment (whatever its name)
local x = 10
local function uses_x() return x end
local loaded = load(string.dump(uses_x))
print(loaded() == _G)
local name, value = debug.getupvalue(loaded, 1)
print(name, value == _G)
print(debug.setupvalue(loaded, 1, 99), loaded())
local function two() return x, uses_x end
local l2 = load(string.dump(two))
print(select("#", l2()), l2() == _G, select(2, l2()))
