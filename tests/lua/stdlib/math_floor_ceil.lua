-- floor and ceil: integer results when representable
for _, v in ipairs{3.7, -3.7, 3, -3, 0.5, -0.5, 2^53, -2^53, 2^63, -2^63, 1e100, -1e100, 0.0, -0.0} do
  local f, c = math.floor(v), math.ceil(v)
  print(v, f, math.type(f), c, math.type(c))
end
print(math.floor(1/0), math.ceil(-1/0), math.floor(0/0) ~= math.floor(0/0))
print(math.floor(math.maxinteger), math.ceil(math.mininteger))
print(math.floor("3.5"), math.ceil("3.5"), math.type(math.floor("3")))
print(math.floor(9007199254740993), math.ceil(-9007199254740993))
print(pcall(math.floor, "x"))
print(pcall(math.floor))
print(pcall(math.ceil, {}))
print(math.floor(2^62 + 0.0) == 2^62, math.type(math.floor(2^62 + 0.0)))
