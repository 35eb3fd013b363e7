-- every character class and its complement, over all 256 bytes
local all = {}
for i = 0, 255 do all[#all + 1] = string.char(i) end
local s = table.concat(all)
for _, c in ipairs{"a", "c", "d", "g", "l", "p", "s", "u", "w", "x"} do
  local lower = select(2, s:gsub("%" .. c, ""))
  local upper = select(2, s:gsub("%" .. c:upper(), ""))
  print(c, lower, upper, lower + upper)
end
print((s:gsub("[^%p]", "")))
print((s:gsub("[^%w]", "")))
print((s:gsub("[^%x]", "")))
print(#s:gsub("[^%s]", ""), s:gsub("[^%s]", ""):byte(1, -1))
print(#s:gsub("[^%c]", ""))
print(("%a%d"):match("%%a"), ("a.b"):match("%.b"), ("x]"):match("%]"))
print(("a1 B2"):gsub("%w", "*"), ("a1 B2"):gsub("%W", "*"))
print(("\t\n\v\f\r "):gsub("%s", "s"))
print(("AbC"):gsub("%u", "U"), ("AbC"):gsub("%l", "l"))
print(("x%y"):gsub("%%", "pct"))
print(("a-b"):gsub("%-", "+"), ("a*b"):gsub("%*", "x"), ("a?b"):gsub("%?", "q"))
print(("a\0b"):gsub("%z", "Z"), ("a\0b"):gsub("%Z", "n"))
