local t = {}
t[2^63] = "float key"
t[math.maxinteger] = "int key"
print(t[2^63], t[math.maxinteger], t[math.maxinteger + 0.0])
t[1e300] = "huge" t[-0.5] = "neg half"
print(t[1e300], t[-0.5])
for k, v in pairs({[2^63] = 1}) do print(math.type(k), k) end
