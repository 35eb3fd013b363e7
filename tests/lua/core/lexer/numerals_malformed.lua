for _, src in ipairs{"return 3x", "return 0xg", "return 1e", "return 1e+", "return 0x1p",
                     "return 3..2", "return 1.2.3", "return 08a"} do
  print(src, load(src))
end
print(load("return 3 .. 2")())
