-- the classic "strict" module through _ENV's metatable
local declared = {}
setmetatable(_G, {
  __newindex = function(t, k, v) declared[k] = true rawset(t, k, v) end,
  __index = function(_, k) if not declared[k] then error("undeclared global '" .. k .. "'", 2) end end,
})
x = 1
print(x)
print(pcall(function() return y end))
x = nil
print(x)
setmetatable(_G, nil)
