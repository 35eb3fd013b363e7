-- debug.traceback: messages, levels, non-string passthrough, threads
local function clean(s) return (s:gsub("0x%x+", "ADDR")) end
print(clean(debug.traceback()))
print(clean(debug.traceback("message")))
print(clean(debug.traceback("message", 2)))
print(clean(debug.traceback("deep", 50)))
local t = {}
print(debug.traceback(t) == t, debug.traceback(42), debug.traceback(nil) ~= nil)
print(debug.traceback(true))
local function level3() return debug.traceback("from level3", 1) end
local function level2() return level3() end
local function level1() return level2() end
print(clean(level1()))
local co = coroutine.create(function() local function inside() coroutine.yield() end inside() end)
coroutine.resume(co)
print(clean(debug.traceback(co)))
print(clean(debug.traceback(co, "co message")))
print(clean(debug.traceback(co, "co level 1", 1)))
print(clean(debug.traceback(coroutine.create(print), "fresh")))
print(clean(debug.traceback("with number", "1")))
print(pcall(debug.traceback, "x", "y"))
