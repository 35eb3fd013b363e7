-- tonumber on strings with exponents: one optional sign, then at least one digit (decimal 'e',
-- hexadecimal 'p'); anything else makes the whole string a non-numeral (fail, not an error).

local cases = {
  -- well formed
  "1e2", "1E+2", "1e-2", "  2.5e3  ", ".5e1", "5.e1", "0x1p4", "0x1P+4", "0x1p-4", "0x.8p1",
  "0xA.8p0", "0x5p2", "-0x5p+2", "1e0", "0x1p0", "1e308", "1e309", "-1e309", "0x1p-1074", "1e-400",
  -- malformed
  "0x5p+-2", "0x5p-+2", "0x1P+-1", "1e+-2", "1e-+2", "1e++2", "1e--2", "0x5p", "0x5p+", "0x5p-",
  "1e", "1e+", "1e-", "1e 2", "1 e2", "1e2e3", "0x1p2p3", "0x1e+2p1", "0x1p1.5", "1e1.5",
  "1e+2x", "0x1p+2 x", "e2", "0xp1", "0x.p1", ".e1", "1e+ 2", "0x1p 1", "--1e2", "+-1e2",
}

for _, text in ipairs(cases) do
  local value = tonumber(text)
  print(string.format("%-14s -> %s %s", string.format("%q", text), tostring(value), math.type(value) or ""))
end

-- the same texts through arithmetic coercion: malformed ones raise
for _, text in ipairs{"0x5p+-2", "1e+-2", "0x1p4", "1e2"} do
  local ok, result = pcall(function() return text + 0 end)
  print(text, ok, ok and result or (result:gsub("^.-:%d+: ", "")))
end
