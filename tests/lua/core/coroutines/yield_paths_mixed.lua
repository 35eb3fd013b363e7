-- coroutine.yield suspends either by returning to resume (called directly from the Lua code that
-- resume runs) or by unwinding (inside pcall, metamethods, iterators, tail calls, hooks, nested
-- coroutines); mixing both in one coroutine must keep values, status and frames consistent
local yield = coroutine.yield

local function deep(n)
  if n == 0 then return yield("deep") end
  local r = deep(n - 1)
  return r
end

local mt = {__index = function(_, k) return yield("index " .. k) end,
            __add = function(a, b) return yield("add") end}

local co = coroutine.create(function(a, b)
  print("start", a, b)
  local x, y = yield(a + b)                        -- direct
  print("got", x, y)
  local ok, v = pcall(yield, "in pcall")           -- through pcall's C frame
  print("pcall", ok, v)
  local t = setmetatable({}, mt)
  print("index", t.field)                          -- from a metamethod
  print("arith", t + 1)
  for i in coroutine.wrap(function() for j = 1, 2 do yield(j) end end) do
    print("inner wrap", i, yield("outer " .. i))   -- nested coroutine, then direct
  end
  print("deep", deep(5))                           -- Lua frames below the yield
  local function tail(z) return yield(z) end
  print("tail", tail("tail call"))                 -- tail-called C function
  do
    local c <close> = setmetatable({}, {__close = function() print("closed") end})
    print("with tbc", yield("tbc"))
  end
  print("isyieldable", coroutine.isyieldable(), coroutine.status(coroutine.running()))
  return "done", select("#", yield())
end)

local step = 0
local function show(ok, ...)
  step = step + 1
  print(step, ok, coroutine.status(co), ...)
  return ok
end
show(coroutine.resume(co, 1, 2))
show(coroutine.resume(co, "x", "y"))
while coroutine.status(co) == "suspended" do
  if step == 9 then print((debug.traceback(co, "suspended at tbc"):gsub("\n.*", ""))) end
  show(coroutine.resume(co, "r" .. step, step))
end
show(coroutine.resume(co))

-- a Lua hook cannot yield (only C hooks can): the error ends the coroutine
local hooked = coroutine.create(function()
  local s = 0
  for i = 1, 3 do s = s + i end
  return yield(s) + 1
end)
debug.sethook(hooked, function() yield() end, "l")
for _ = 1, 12 do
  if coroutine.status(hooked) == "dead" then break end
  print("hooked", coroutine.resume(hooked, 41))
end

-- closing a coroutine suspended by a direct yield runs its pending __close
local pending = coroutine.create(function()
  local c <close> = setmetatable({}, {__close = function(_, e) print("close on close", e) end})
  yield(1)
end)
print(coroutine.resume(pending))
print(coroutine.close(pending), coroutine.status(pending))

-- errors after a direct yield still reach resume, and wrap re-raises them
local failing = coroutine.wrap(function() yield(1) error("after yield") end)
print(failing())
print(pcall(failing))
