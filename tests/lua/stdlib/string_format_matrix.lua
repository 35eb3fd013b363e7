-- a matrix of flags x width x precision x conversion over a few values
local flagsets = {"", "-", "+", " ", "#", "0", "-+", "+0", "- ", "#0", "-#"}
local sizes = {"", "1", "8", ".0", ".3", "6.2", "12.10", "99"}
local values = {
  d = {0, 7, -42, math.maxinteger}, x = {0, 255, -1}, o = {0, 8}, u = {0, 123},
  e = {0.0, 1.5, -12345.678, 1e-300}, f = {0.0, 2.5, -1/3}, g = {0.0, 100000, 1e-5, 123456789.0},
  a = {1.0, -0.75}, s = {"", "abc"}, c = {65},
}
for _, conv in ipairs{"d", "i", "x", "X", "o", "u", "e", "E", "f", "g", "G", "a", "A", "s", "c"} do
  local vals = values[conv] or values[conv:lower()] or values.d
  if conv == "i" then vals = values.d end
  for _, flags in ipairs(flagsets) do
    for _, size in ipairs(sizes) do
      local spec = "%" .. flags .. size .. conv
      local out = {}
      for _, v in ipairs(vals) do
        local ok, r = pcall(string.format, spec, v)
        out[#out + 1] = ok and ("[" .. r .. "]") or ("error: " .. r)
        if not ok then break end
      end
      print(spec, table.concat(out, " "))
    end
  end
end
