-- __close is looked up when the variable goes out of scope
local mt = {__close = function() print("first") end}
do
  local x <close> = setmetatable({}, mt)
  mt.__close = function() print("second") end
end
print(pcall(function()
  local mt2 = {__close = function() end}
  local y <close> = setmetatable({}, mt2)
  mt2.__close = nil
end))
