-- any border is valid for tables with holes; sequences have exactly one
local seq = {10, 20, 30, 40}
print(#seq)
seq[5] = 50 print(#seq)
seq[#seq + 1] = 60 print(#seq)
local t = {}
t[1] = 1 t[2] = 2 t[3] = 3
t[3] = nil print(#t)
t[2] = nil print(#t)
local b = {1, 2, nil, 4}
local n = #b
print(n == 4 or n == 2)
