-- table functions honour __index, __newindex and __len (and accept table-like userdata-less proxies)
local store = {}
local log = {}
local proxy = setmetatable({}, {
  __index = function(_, k) log[#log + 1] = "r" .. tostring(k) return store[k] end,
  __newindex = function(_, k, v) log[#log + 1] = "w" .. tostring(k) store[k] = v end,
  __len = function() return #store end,
})
table.insert(proxy, "a")
table.insert(proxy, "b")
table.insert(proxy, 1, "c")
print(store[1], store[2], store[3], table.concat(log, " "))
log = {}
print(table.remove(proxy, 1), store[1], store[2], store[3], table.concat(log, " "))
log = {}
print(table.concat(proxy, "+"), table.concat(log, " "))
print(table.unpack(proxy))
store = {5, 3, 4, 1}
table.sort(proxy)
print(store[1], store[2], store[3], store[4])
local lenOnly = setmetatable({}, {__len = function() return 3 end})
print(pcall(table.insert, lenOnly, 1))
print(table.concat(lenOnly == nil and {} or {}, ","), #lenOnly)
local rawTable = setmetatable({1, 2, 3}, {__len = function() return 1 end})
print(table.concat(rawTable, ","), table.unpack(rawTable))
table.insert(rawTable, "x")
print(rawTable[1], rawTable[2], rawTable[3])
print(pcall(table.insert, setmetatable({}, {__len = function() return "x" end}), 1))
print(pcall(table.insert, setmetatable({}, {__len = function() return 1.5 end}), 1))
print(pcall(table.concat, setmetatable({}, {__len = function() return 2 end})))
local strlike = setmetatable({}, {__len = function() return 2.0 end, __index = function(_, i) return "s" .. i end})
print(table.concat(strlike, "|"))
local names = {}
for k in pairs(table) do names[#names + 1] = k end
table.sort(names)
print(table.concat(names, " "))
