local print = print
do
  local _ENV = {x = 1}
  y = 2
  print(x, y, _ENV.y)
end
print(x, y)
local function with_env()
  local _ENV = setmetatable({}, {__index = _G})
  z = 3
  return z, _G.z
end
print(with_env())
