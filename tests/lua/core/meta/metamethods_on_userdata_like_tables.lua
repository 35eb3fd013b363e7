-- a proxy table forwarding every access to a hidden store
local function proxy(store)
  return setmetatable({}, {
    __index = store, __newindex = store,
    __len = function() return #store end,
    __pairs = function() return next, store, nil end,
  })
end
local p = proxy({1, 2, 3})
p[4] = 4
print(#p, p[4], rawget(p, 4))
local sum = 0 for _, v in pairs(p) do sum = sum + v end
print(sum)
