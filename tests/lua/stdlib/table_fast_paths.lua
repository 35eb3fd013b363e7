-- Cases aimed at the table library's fast paths: shifts and unpack over the array part of a plain
-- table, the same operations across the array/hash boundary and through metamethods, and
-- table.sort's order function.
local function dump(t, n)
  local r = {}
  for i = 1, n do r[i] = tostring(rawget(t, i)) end
  return table.concat(r, ",")
end

-- insert/remove at every position of small plain tables
for size = 0, 5 do
  for position = 1, size + 1 do
    local t = {}
    for i = 1, size do t[i] = i * 10 end
    table.insert(t, position, -1)
    local u = {}
    for i = 1, size do u[i] = i end
    local removed = table.remove(u, position)
    print(size, position, dump(t, size + 1), tostring(removed), dump(u, size))
  end
end

-- elements in the hash part (built backwards), then shifted
local h = {}
for i = 9, 1, -1 do h[i] = i end
table.insert(h, 1, "first")
table.insert(h, 5, "fifth")
print(dump(h, 11), table.remove(h, 1), table.remove(h), dump(h, 10))

-- a queue that keeps growing and shrinking
local queue = {}
for i = 1, 200 do
  table.insert(queue, i)
  if #queue > 7 then table.remove(queue, 1) end
end
print(#queue, dump(queue, 7))

-- holes: insert/remove move nils like any other value
local holes = {1, 2, nil, 4}
table.insert(holes, 2, "x")
print(dump(holes, 5))

-- metamethods see every access in order
local log = {}
local proxy = setmetatable({}, {
  __index = function(t, k) log[#log + 1] = "get" .. k; return rawget(t, "_" .. k) end,
  __newindex = function(t, k, v) log[#log + 1] = "set" .. k; rawset(t, "_" .. k, v) end,
  __len = function() return 3 end,
})
table.insert(proxy, 2, "a")
table.remove(proxy, 1)
print(table.concat(log, " "))
log = {}
print(table.unpack(proxy, 1, 3))
print(table.concat(log, " "))

-- a metatable without __newindex: existing keys are assigned raw, new keys go through it
local counted = setmetatable({1, 2, 3}, {__newindex = function(t, k, v) print("newindex", k, v); rawset(t, k, v) end})
table.insert(counted, 1, 0)
print(dump(counted, 4))

-- unpack over the array part, with holes, past the end and from the hash part
local list = {1, 2, nil, 4, 5}
print(table.unpack(list))
print(table.unpack(list, 2, 4))
print(table.unpack(list, -1, 1))
print(table.unpack(list, 4, 7))
print(select("#", table.unpack({}, 3, 2)), pcall(table.unpack, {}, 1, 1e8))
local backwards = {}
for i = 4, 1, -1 do backwards[i] = i * 2 end
print(table.unpack(backwards))

-- sort: order functions, errors raised inside them, inconsistent orders, yields
local values = {5, 3, 8, 1, 9, 2, 7}
table.sort(values, function(a, b) return a > b end)
print(table.concat(values, " "))
print(pcall(table.sort, {3, 1, 2}, function(a, b) error("order failed") end))
print(pcall(table.sort, {3, 1, 2, 5, 4, 7, 6, 9, 8}, function() return true end))
local co = coroutine.wrap(function()
  table.sort({3, 2, 1}, function(a, b) coroutine.yield() return a < b end)
end)
print(pcall(co))
local calls = 0
local words = {"pear", "apple", "fig", "kiwi", "banana"}
table.sort(words, function(a, b) calls = calls + 1; return #a < #b or (#a == #b and a < b) end)
print(table.concat(words, " "), calls > 0)
local mixed = {3, 1.5, 2, -1, 0.25}
table.sort(mixed)
print(table.concat(mixed, " "))
print(pcall(table.sort, {1, "x", 2}))
