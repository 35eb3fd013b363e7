-- Integer // and % around the 32-bit boundaries (the VM divides in 32 bits when both operands
-- fit): every sign combination, operands just inside and just outside the int32 range.
local values = {
  0, 1, -1, 2, -2, 3, -3, 7, -7, 65521, -65521,
  2147483647, -2147483647, -2147483648, 2147483648, -2147483649, 4294967296, -4294967296,
  math.maxinteger, math.mininteger, math.maxinteger - 1, math.mininteger + 1,
}
for _, a in ipairs(values) do
  local line = {}
  for _, b in ipairs(values) do
    if b ~= 0 then
      line[#line + 1] = string.format("%d,%d", a // b, a % b)
    end
  end
  print(a, table.concat(line, " "))
end
-- constant divisors (the *K forms)
for _, a in ipairs(values) do
  print(a, a // 7, a % 7, a // -7, a % -7, a // 2147483647, a % -2147483648)
end
print(pcall(function(x) return x // 0 end, 2147483647))
print(pcall(function(x) return x % 0 end, -2147483648))
