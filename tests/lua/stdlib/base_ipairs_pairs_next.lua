-- ipairs/pairs/next: order for arrays, __index, __pairs, errors
for i, v in ipairs({10, 20, nil, 40}) do print(i, v) end
local proxy = setmetatable({}, {__index = function(_, k) if k <= 3 then return k * 100 end end})
for i, v in ipairs(proxy) do print("proxy", i, v) end
print(pcall(ipairs))
for i, v in ipairs("ab") do print(i, v) end
local count = 0
for k, v in pairs({a = 1, b = 2, 3}) do count = count + 1 end
print("pairs count", count)
local p = setmetatable({}, {__pairs = function(t) return function(_, k) if not k then return 1, "one" end end, t, nil, "extra" end})
for k, v in pairs(p) do print("custom", k, v) end
print(select("#", pairs(p)))
print(next({}))
print(next({5}))
print(next({5}, 1))
print(pcall(next, {}, "nokey"))
print(pcall(next))
print(pcall(pairs))
print(select("#", pairs(1)), select(2, pairs(1)))
local t = {1, 2, 3}
local keys = {}
for k in next, t do keys[#keys + 1] = k end
print(table.concat(keys, ","))
local f, s, c = ipairs(t)
print(f(s, c))
print(f(s, 3))
