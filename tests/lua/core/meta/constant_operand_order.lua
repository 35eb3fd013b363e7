-- Arithmetic, bitwise and order metamethods see their operands in source order even when the
-- compiler moves a numeral to the constant/immediate operand (1 + x, 2.0 * x, x - 1, x << 3,
-- 4.0 < x, ...), and a float numeral reaches an order metamethod as a float.
local mt = {}
local function show(v)
  if type(v) == "table" then return "obj" end
  return math.type(v) .. ":" .. tostring(v)
end
for _, e in ipairs{"add", "sub", "mul", "band", "bor", "bxor", "shl", "shr", "lt", "le"} do
  mt["__" .. e] = function(a, b)
    print(e, show(a), show(b))
    return e == "lt" or e == "le"
  end
end
local o = setmetatable({}, mt)

local function run(o)
  local _
  _ = 1 + o; _ = o + 1; _ = 1.5 + o; _ = o + 1.5; _ = 1000 + o
  _ = 2 * o; _ = o * 2; _ = 2.5 * o; _ = o * 2.5
  _ = o - 1; _ = o - 127; _ = o - 128; _ = o - -3; _ = 1 - o
  _ = 7 & o; _ = o & 7; _ = 7 | o; _ = 7 ~ o
  _ = o << 3; _ = o << -3; _ = 3 << o; _ = o >> 3; _ = o << 200
  print(o < 4.0, o > 4.0, 4.0 < o, o <= 2.0, o >= 2, 3 <= o, o < 2.5, 1e10 < o)
end
run(o)
-- the same code after a dump/load round trip
load(string.dump(run))(o)

-- plain numbers give the same values as the register forms
local x, y = 5, 2.5
print(1 + x, 2.0 * y, 1.5 + y, 3 * x, 0xF & x, 1 | x, 3 ~ x, x - 1, y - 3, x << 3, x << -2)
print(x - (-127), x - 127, x - 128, 1 << x, x >> 1, x << 64, x << 63, -1 >> 1)
print(math.maxinteger + 1 == math.mininteger, 1 + math.maxinteger, math.mininteger - 1)
print(x > 4.0, y > 4.0, 4.0 < x, x <= 5.0, y >= 2.0, x < -3.0, 3.0 >= y, y == 2.5, x == 5.0)
print(pcall(function() local z; return 1 + z end))
print(pcall(function() local z; return z - 1 end))
print(pcall(function() local z; return z << 2 end))
print(pcall(function() local z = {}; return 2.0 * z end))
print(pcall(function() local z = {}; return 3 & z end))
print(pcall(function() return 1.5 & x end))
print(pcall(function() local z = "a"; return z > 3.0 end))
print(pcall(function() local z = "1.5"; return 1 + z, z - 1, 2 * z end))
