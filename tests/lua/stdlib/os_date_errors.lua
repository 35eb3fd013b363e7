-- os.date: invalid conversions and bad time arguments
for _, spec in ipairs({"%Ez", "%Oz", "%E", "%O", "%", "%q", "%5d", "%-d", "%#c", "%Ea", "%Oa", "%Ex and more", "ok %k"}) do
  print(spec, pcall(os.date, "!" .. spec, 0))
end
print(pcall(os.date, "%Y", "x"))
print(pcall(os.date, "%Y", 1.5))
print(pcall(os.date, {}))
print(pcall(os.date, "!%Y", 2^60))
print(type(os.date()), type(os.date(nil)), type(os.date("%c", nil)))
