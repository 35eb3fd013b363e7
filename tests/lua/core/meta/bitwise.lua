local B = {}
for _, ev in ipairs{"band", "bor", "bxor", "shl", "shr"} do
  B["__" .. ev] = function(a, b) return ev end
end
B.__bnot = function(a) return "bnot" end
local b = setmetatable({}, B)
print(b & 1, 1 | b, b ~ b, b << 1, b >> 1, ~b)
local F = setmetatable({}, {__band = function(a, b) return "float operand" end})
print(1.5 & F)
print(pcall(function() return 1.5 & 1 end))
