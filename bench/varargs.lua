-- bench: size=870000 growth=linear
-- Varargs: '...' forwarding, select('#'), select(n), table constructors from
-- '...', and table.unpack (unpack on LuaJIT).
local unpack = table.unpack or unpack
local select = select

local function count(...) return select("#", ...) end
local function sum(...)
  local s = 0
  for i = 1, select("#", ...) do s = s + (select(i, ...)) end
  return s
end
local function pack_sum(...)
  local t = { ... }
  local s = 0
  for i = 1, #t do s = s + t[i] end
  return s
end
local function forward(f, ...) return f(...) end
local function last(...) return (select(select("#", ...), ...)) end
local function multi(a, b, c) return c, b, a end

local n = tonumber(arg and arg[1]) or 870000
local list = { 1, 2, 3, 4, 5, 6, 7, 8 }
local total = 0
for i = 1, n do
  total = total + count(i, nil, i) + sum(i, 2, 3, 4) + pack_sum(unpack(list))
  total = total + forward(sum, 1, 2, 3, i % 10) + last(unpack(list, 1, i % 8 + 1))
  local x, y, z = multi(i, 2, 3)
  total = (total + x + y + z % 5) % 1000000007
end
print(string.format("%d", total))
