-- pack/unpack round trips over all integer sizes and both byte orders
local values = {0, 1, -1, 127, -128, 255, 256, 32767, -32768, 65535, 2^31 - 1, -2^31, 2^32, 2^40 + 5,
                math.maxinteger, math.mininteger}
for size = 1, 16 do
  for _, order in ipairs{"<", ">"} do
    local okCount, overflow = 0, 0
    for _, v in ipairs(values) do
      v = math.tointeger(v)
      for _, kind in ipairs{"i", "I"} do
        local fmt = order .. kind .. size
        local ok, packed = pcall(string.pack, fmt, v)
        if ok then
          local back, nextpos = string.unpack(fmt, packed)
          assert(nextpos == size + 1)
          if back == v then okCount = okCount + 1 end
        else
          overflow = overflow + 1
        end
      end
    end
    print(order, size, okCount, overflow)
  end
end
local fmt = "<i1 I2 i3 I4 i5 I6 i7 j d f s1 z c4 >i4"
local packed = string.pack(fmt, -1, 65535, -3, 4000000000, -5, 6, -7, math.mininteger, 0.25, -2.5, "s", "zz", "c4", 1)
print(#packed, string.packsize((fmt:gsub("s1", ""):gsub("z", ""))))
print(string.unpack(fmt, packed))
for _, opt in ipairs{"b", "B", "h", "H", "i", "I", "l", "L", "j", "J", "T", "f", "d", "n"} do
  io.write(opt, "=", string.packsize(opt), " ")
end
print()
