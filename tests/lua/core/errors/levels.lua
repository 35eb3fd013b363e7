local function lvl1() error("level 1", 1) end
local function lvl2() error("level 2", 2) end
local function lvl0() error("level 0", 0) end
local function caller() lvl2() end
print(pcall(lvl1))
print(pcall(caller))
print(pcall(lvl0))
local function deep() error("level 3", 3) end
local function d2() deep() end
local function d1() d2() end
print(pcall(d1))
print(pcall(error, "msg", 2))
