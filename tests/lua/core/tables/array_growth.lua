local t = {}
for i = 1, 1000 do t[i] = i * i end
print(#t, t[1000])
for i = 1000, 501, -1 do t[i] = nil end
print(#t)
local sparse = {}
sparse[1000000] = 1
print(#sparse, sparse[1000000])
local neg = {[-1] = "m", [0] = "z"}
print(neg[-1], neg[0], #neg)
