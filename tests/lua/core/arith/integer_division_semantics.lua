for _, a in ipairs{7, -7, 0} do
  for _, b in ipairs{3, -3, 1} do
    io.write(string.format("%d//%d=%d %d%%%d=%d  ", a, b, a // b, a, b, a % b))
  end
  print()
end
