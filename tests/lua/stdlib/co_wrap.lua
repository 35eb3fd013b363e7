-- coroutine.wrap: generators, error propagation with position, dead generators
local gen = coroutine.wrap(function(n) for i = 1, n do coroutine.yield(i) end return "done" end)
print(gen(3), gen(), gen(), gen())
print(pcall(gen))
local failing = coroutine.wrap(function() error("wrapped failure") end)
print(pcall(failing))
local failing0 = coroutine.wrap(function() error("level zero", 0) end)
print(pcall(failing0))
local failing_t = coroutine.wrap(function() error({tag = "t"}) end)
local ok, e = pcall(failing_t)
print(ok, type(e), e.tag)
local failing_n = coroutine.wrap(function() error(42) end)
print(pcall(failing_n))
local function caller() local f = coroutine.wrap(function() error("deep") end); f() end
print(pcall(caller))
print(pcall(coroutine.wrap, 1))
-- wrap passes arguments and returns all results
local echo = coroutine.wrap(function(...) local args = {...}; while true do args = {coroutine.yield(table.unpack(args))} end end)
print(echo(1, 2, 3))
print(echo())
print(echo(nil, "x"))
-- iterate with a generic for
local function range(n) return coroutine.wrap(function() for i = 1, n do coroutine.yield(i, i * i) end end) end
for i, sq in range(4) do print(i, sq) end
