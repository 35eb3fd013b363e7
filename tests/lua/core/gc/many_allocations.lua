local s = 0
for i = 1, 200000 do local t = {i, tostring(i)} s = s + #t[2] end
print(s)
local parts = {}
for i = 1, 10000 do parts[i] = ("x"):rep(i % 50) end
print(#table.concat(parts))
