local s = 0
for i = 1, 100000 do s = s + i end
print(s)
local f = 0.0
for i = 1, 1000 do f = f + 0.5 end
print(f)
local p = 1
for i = 1, 62 do p = p * 2 end
print(p, p * 2, p * 4)
