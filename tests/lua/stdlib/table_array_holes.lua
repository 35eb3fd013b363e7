-- table functions on array parts with holes: an empty array slot is an absent key, so
-- __index/__newindex run for it exactly as for a key in no part; present keys never consult them
local log = {}
local mt = {
  __index = function(_, k) log[#log + 1] = "r" .. k return "d" .. k end,
  __newindex = function(t, k, v) log[#log + 1] = "w" .. k rawset(t, k, v) end,
}
local t = setmetatable({1, 2, 3, 4, 5, 6, 7, 8}, mt)
t[3] = nil                      -- present key: raw assignment, the slot becomes a hole
rawset(t, 6, nil)
print(#log, rawget(t, 3), rawget(t, 6))
print(table.concat({table.unpack(t, 1, 8)}, ","), table.concat(log, " "))
log = {}
table.move(t, 1, 8, 2)          -- writes into holes go to __newindex, reads of holes to __index
print(table.concat({rawget(t, 1), rawget(t, 2), rawget(t, 3), rawget(t, 4), rawget(t, 7)}, ","),
  table.concat(log, " "))
log = {}
local u = setmetatable({10, 20, nil, 40}, {__index = mt.__index, __newindex = mt.__newindex,
  __len = function() return 4 end})
table.insert(u, 3, 30)          -- u[3] is a hole: its read and write go through the metamethods
print(rawget(u, 3), rawget(u, 4), rawget(u, 5), table.concat(log, " "))

-- without a metatable the same operations are raw
local p = setmetatable({1, 2, 3, 4, 5, 6, 7, 8}, {__len = function() return 8 end})
p[3] = nil
table.insert(p, 3, "x")
print(p[3], p[4], p[9])
p = {1, 2, 3, 4}
print(table.remove(p, 1), table.remove(p), p[1], p[2], p[3], #p)
p[2] = nil                      -- hole at the end of a border
print(table.remove(p, 1), p[1], #p)
local q = {}
for i = 1, 100 do table.insert(q, i) end
for i = 1, 100, 2 do q[i] = nil end
local found = 0
for i = 1, 100 do if q[i] ~= nil then found = found + 1 end end
print(found, q[100], q[99])
local r = setmetatable({}, {__len = function() return 199 end})
for i = 1, 199 do r[i] = i end
r[200] = "far"                  -- a key beyond the array part (hash part)
table.insert(r, 150, "mid")     -- shifts 150..199 up: into the hash part, over r[200]
print(r[149], r[150], r[151], r[200], rawlen(r))
print(select(2, table.unpack({1, nil, 3}, 1, 3)), select("#", table.unpack({nil, nil}, 1, 2)))
-- __index of a non-function value (a table) is followed for holes
local base = {"b1", "b2", "b3"}
local chained = setmetatable({nil, "own"}, {__index = base})
print(table.unpack(chained, 1, 3))
print(table.concat(chained, "-", 1, 3))
