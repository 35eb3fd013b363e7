-- table.sort: default order, comparators, stability-independent checks, big arrays
local function dump(t) local out = {} for i = 1, #t do out[i] = tostring(t[i]) end return table.concat(out, " ") end
local t = {5, 2, 8, 1, 9, 3}
table.sort(t) print(dump(t))
table.sort(t, function(a, b) return a > b end) print(dump(t))
local words = {"pear", "Apple", "banana", "apple", "Cherry"}
table.sort(words) print(dump(words))
table.sort(words, function(a, b) return a:lower() < b:lower() end)
print(words[1]:lower(), words[3], words[4], words[5])
local mixed = {3.5, 1, -2, 2^53, math.mininteger, math.maxinteger, 0.5, -0.0}
table.sort(mixed) print(dump(mixed))
local e = {} table.sort(e) print(#e)
local one = {42} table.sort(one) print(one[1])
local two = {2, 1} table.sort(two) print(dump(two))
local three = {3, 1, 2} table.sort(three) print(dump(three))
local same = {} for i = 1, 50 do same[i] = 7 end table.sort(same) print(same[1], same[50])
local n = 2000
local big = {}
local x = 12345
for i = 1, n do x = (x * 1103515245 + 12345) % 2147483648; big[i] = x % 1000 end
table.sort(big)
local ok = true
for i = 2, n do if big[i - 1] > big[i] then ok = false end end
print(ok, #big)
local desc = {} for i = 1, 300 do desc[i] = 301 - i end
table.sort(desc) print(desc[1], desc[150], desc[300])
local asc = {} for i = 1, 300 do asc[i] = i end
table.sort(asc, function(a, b) return a > b end) print(asc[1], asc[300])
local recs = {{k = 3, v = "c"}, {k = 1, v = "a"}, {k = 2, v = "b"}}
table.sort(recs, function(a, b) return a.k < b.k end)
print(recs[1].v, recs[2].v, recs[3].v)
local cmpcount = 0
local c5 = {5, 4, 3, 2, 1}
table.sort(c5, function(a, b) cmpcount = cmpcount + 1 return a < b end)
print(dump(c5), cmpcount)
local meta = setmetatable({}, {__lt = function(a, b) return a.v < b.v end})
local objs = {}
for i, v in ipairs{4, 2, 3, 1} do objs[i] = setmetatable({v = v}, getmetatable(meta)) end
table.sort(objs)
print(objs[1].v, objs[2].v, objs[3].v, objs[4].v)
