local t = {1, 2, 3}
t[1], t[3] = t[3], t[1]
print(t[1], t[2], t[3])
local u = {a = {b = 1}}
u.a.b, u.a = 2, {b = 3}
print(u.a.b)
