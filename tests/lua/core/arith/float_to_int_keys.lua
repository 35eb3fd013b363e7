local t = {}
t[1.0] = "a" t[2] = "b" t[2^53] = "c"
print(t[1], t[2.0], t[2^53 | 0])
for k, v in pairs({[3.0] = 1}) do print(k, math.type(k), v) end
print(next({[-0.0] = "z"}))
t[0.5] = "half" print(t[0.5])
