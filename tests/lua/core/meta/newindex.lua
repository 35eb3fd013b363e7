local log = {}
local t = setmetatable({}, {__newindex = function(t, k, v) log[#log + 1] = k rawset(t, k, v * 2) end})
t.a = 1 t.a = 5
print(t.a, table.concat(log, ","))
local store = {}
local proxy = setmetatable({}, {__newindex = store})
proxy.x = 10
print(rawget(proxy, "x"), store.x)
local ro = setmetatable({}, {__newindex = function() error("read-only table", 2) end})
print(pcall(function() ro.k = 1 end))
