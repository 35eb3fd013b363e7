-- an error raised by __close after a normal exit propagates
print(pcall(function()
  local x <close> = setmetatable({}, {__close = function() error("close failed", 0) end})
  return "normal"
end))
local log = {}
print(pcall(function()
  local a <close> = setmetatable({}, {__close = function(_, e) log[#log + 1] = "a:" .. tostring(e) end})
  local b <close> = setmetatable({}, {__close = function() error("b failed", 0) end})
end))
print(log[1])
