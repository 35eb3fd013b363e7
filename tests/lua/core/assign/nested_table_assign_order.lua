local t = {}
t.a = {}
t.a.b, t.a.c = 1, 2
local key = "a"
t[key].d = t.a.b + t.a.c
print(t.a.b, t.a.c, t.a.d)
local x, y = 1, 2
x, y = y, x + y
print(x, y)
