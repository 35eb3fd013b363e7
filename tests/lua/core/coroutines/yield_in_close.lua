-- __close may yield (5.4.3+)
local co = coroutine.wrap(function()
  local x <close> = setmetatable({}, {__close = function() coroutine.yield("yield in close") end})
  return "body done"
end)
print(co())
print(co())
