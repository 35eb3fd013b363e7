print(7 // 2, 7 % 3, 2 ^ 3, 5 & 3, 5 | 3, 5 ~ 3, ~5, 1 << 4, 256 >> 4)
print(1 == 1, 1 ~= 2, 1 <= 2, 2 >= 1, 1 < 2, 2 > 1)
print("a" .. "b", #"abc", -(-3), not nil)
local t = {f = function(self, v) return v end}
print(t:f(9), t.f(t, 8))
::label:: print("label ok")
