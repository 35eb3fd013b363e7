-- Count and line hooks reach loops that never call out again: a hook installed by a callee
-- (seen by the caller's loop), and one installed on a suspended coroutine from outside.
local n = 0
local function install() debug.sethook(function() n = n + 1 end, "", 1) end
install()
local x = 0
for i = 1, 200 do x = x + i end
local j = 0
while j < 100 do j = j + 1 end
debug.sethook()
print(x, j, n >= 300)

local co = coroutine.create(function()
  coroutine.yield()
  local s = 0
  for i = 1, 500 do s = s + i end
  return s
end)
coroutine.resume(co)
local m = 0
debug.sethook(co, function() m = m + 1 end, "", 1)
print(coroutine.resume(co))
print(m >= 500, debug.gethook() == nil)

local lines = {}
local function f()
  debug.sethook(function(_, line) lines[#lines + 1] = line end, "l")
end
f()
local y = 0
for i = 1, 3 do
  y = y + i
end
debug.sethook()
print(y, #lines > 3)
