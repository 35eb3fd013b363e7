local base = {greet = "hello"}
local mid = setmetatable({}, {__index = base})
local top = setmetatable({}, {__index = mid})
print(top.greet, rawget(top, "greet"))
local fn = setmetatable({}, {__index = function(t, k) return k .. "?" end})
print(fn.abc, fn[1])
local depth = {}
local cur = depth
for i = 1, 50 do local nxt = {} setmetatable(cur, {__index = nxt}) cur = nxt end
cur.deep = "found"
print(depth.deep)
