local mt = {
  __index = function(t, k) return coroutine.yield("index " .. k) end,
  __add = function(a, b) return coroutine.yield("add") end,
  __lt = function(a, b) return coroutine.yield("lt") end,
  __concat = function(a, b) return coroutine.yield("concat") end,
  __eq = function(a, b) return coroutine.yield("eq") end,
}
local obj = setmetatable({}, mt)
local co = coroutine.wrap(function()
  local v = obj.key
  local s = obj + 1
  local l = obj < obj
  local c = obj .. "x"
  local e = obj == setmetatable({}, mt)
  return v, s, l, c, e
end)
print(co())
print(co("V"))
print(co("S"))
print(co(true))
print(co("C"))
print(co(false))
