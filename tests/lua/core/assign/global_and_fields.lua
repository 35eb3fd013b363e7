x, y = 1, 2
local t = {sub = {}}
t.sub.val, t["k"], x = "v", "k", 3
print(x, y, t.sub.val, t.k)
