local function run(_ENV) return a + b end
print(run({a = 1, b = 2}))
local function set(_ENV, v) value = v end
local t = {} set(t, 9) print(t.value, value)
