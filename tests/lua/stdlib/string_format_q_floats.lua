-- %q of floats: hexadecimal literals that read back exactly
local values = {0.5, 1.0, -1.0, 0.1, 1/3, -2/3, 1e-300, 5e-324, 2^-1074, 1.7976931348623157e308, 2^52 + 0.5,
                123456.789, -0.0, 2^63, -2^63, 1e15, 3.14159}
for _, v in ipairs(values) do
  local q = string.format("%q", v)
  local back = load("return " .. q)()
  print(q, back == v, math.type(back), 1 / back == 1 / v)
end
for _, v in ipairs{0, 1, -1, 10, math.maxinteger, math.mininteger, math.mininteger + 1} do
  local q = string.format("%q", v)
  local back = load("return " .. q)()
  print(q, back == v, math.type(back))
end
