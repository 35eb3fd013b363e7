local function rec(n) return 1 + rec(n + 1) end
local ok, e = pcall(rec, 1)
print(ok, (e:gsub("^.-:%d+: ", "")))
local depth = 0
local function count() depth = depth + 1 count() end
print(pcall(count))
print(depth > 1000)
-- the state is usable afterwards
print(pcall(function() return "recovered" end))
