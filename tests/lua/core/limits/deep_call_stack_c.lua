-- deep recursion through C functions (pcall) ends in a catchable error, not a crash
local depth = 0
local function nest()
  depth = depth + 1
  local ok, e = pcall(nest)
  return e
end
print(nest())
print(depth > 100)
local mt = {}
mt.__index = function(t, k) return setmetatable({}, mt)[k] end
local ok, e = pcall(function() return setmetatable({}, mt).x end)
print(ok, (e:gsub("^.-:%d+: ", "")))
