local function deep(n) if n == 0 then return coroutine.yield("bottom") end return deep(n - 1) .. "+" end
local co = coroutine.create(function() return deep(5) end)
print(coroutine.resume(co))
print(coroutine.resume(co, "back"))
local function level3() coroutine.yield(3) return "done" end
local function level2() local r = level3() coroutine.yield(2) return r end
local co2 = coroutine.wrap(function() local r = level2() coroutine.yield(1) return r end)
print(co2(), co2(), co2(), co2())
