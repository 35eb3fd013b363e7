local function closer(name)
  return setmetatable({}, {__close = function() print("close", name) end})
end
local function f()
  local x <close> = closer("f")
  return "ret1", "ret2"
end
print(f())
for i = 1, 3 do
  local y <close> = closer("loop" .. i)
  if i == 2 then break end
end
local function g()
  local z <close> = closer("tail")
  return tostring(1)
end
print(g())
