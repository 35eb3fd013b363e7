local V = {}
V.__index = V
local function vec(x) return setmetatable({x = x}, V) end
V.__add = function(a, b) return vec((type(a) == "table" and a.x or a) + (type(b) == "table" and b.x or b)) end
V.__sub = function(a, b) return vec(a.x - b.x) end
V.__mul = function(a, b) return vec(a.x * (type(b) == "number" and b or b.x)) end
V.__div = function(a, b) return "div" end
V.__mod = function(a, b) return "mod" end
V.__pow = function(a, b) return "pow" end
V.__unm = function(a) return vec(-a.x) end
V.__idiv = function(a, b) return "idiv" end
print((vec(1) + vec(2)).x, (vec(5) - vec(3)).x, (vec(2) * 3).x, (1 + vec(1)).x)
print(vec(1) / 1, vec(1) % 1, vec(1) ^ 1, vec(1) // 1, (-vec(4)).x)
