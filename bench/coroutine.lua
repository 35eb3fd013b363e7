-- bench: size=3300000 growth=linear
-- Coroutine switches: ping-pong between a resumer and a coroutine passing
-- values both ways, a coroutine.wrap generator, and creation of short-lived
-- coroutines.
local n = tonumber(arg and arg[1]) or 3300000
local create, resume, yield, wrap, status = coroutine.create, coroutine.resume,
  coroutine.yield, coroutine.wrap, coroutine.status

local pong = create(function(value)
  while true do value = yield(value * 3 % 1000 + 1) end
end)
local ball, total = 1, 0
for _ = 1, n do
  local ok
  ok, ball = resume(pong, ball)
  total = total + ball
end

local function range(limit)
  return wrap(function()
    for i = 1, limit do yield(i) end
  end)
end
local generated = 0
for i in range(n) do generated = (generated + i) % 1000003 end

local finished = 0
for i = 1, n / 20 do
  local co = create(function(a, b)
    local c = yield(a + b)
    return c * 2
  end)
  local _, first = resume(co, i, 1)
  local _, second = resume(co, first)
  if status(co) == "dead" then finished = finished + second % 7 end
end

print(string.format("%d %d %d", total, generated, finished))
