-- table.move: overlapping ranges, other destination, limits
local function dump(t, a, b) local out = {} for i = a, b do out[#out + 1] = tostring(t[i]) end return table.concat(out, ",") end
local t = {1, 2, 3, 4, 5}
print(dump(table.move(t, 1, 3, 3), 1, 6))
t = {1, 2, 3, 4, 5}
print(dump(table.move(t, 3, 5, 1), 1, 5))
t = {1, 2, 3}
local d = table.move(t, 1, 3, 2, {})
print(dump(d, 1, 4), d == t)
print(table.move({}, 1, 0, 1) ~= nil, dump(table.move({1, 2}, 2, 1, 5), 1, 5))
t = {1, 2, 3}
print(dump(table.move(t, 1, 3, -1), -1, 3))
t = {[math.maxinteger - 1] = "a", [math.maxinteger] = "b"}
local r = table.move(t, math.maxinteger - 1, math.maxinteger, 1, {})
print(r[1], r[2])
print(pcall(table.move, {}, 1, math.maxinteger, 2))
print(pcall(table.move, {}, -1, math.maxinteger, 2))
print(pcall(table.move, {}, math.mininteger, -1, 1))
print((pcall(table.move, {1}, 1, 1, math.maxinteger)))
print(pcall(table.move, {1, 2}, 1, 2, math.maxinteger))
print(pcall(table.move, {}, 1, 2))
print(pcall(table.move, {}, "a", 2, 3))
print(pcall(table.move, 1, 1, 1, 1))
print(pcall(table.move, {}, 1, 1, 1, 5))
local log = {}
local proxy = setmetatable({}, {__index = function(_, k) log[#log + 1] = "get" .. k return k * 10 end,
                                  __newindex = function(_, k, v) log[#log + 1] = "set" .. k .. "=" .. v end})
table.move(proxy, 1, 3, 2)
print(table.concat(log, " "))
log = {}
table.move(proxy, 1, 3, 5)
print(table.concat(log, " "))
