local i = 0
local out = {}
repeat
  i = i + 1
  if i % 2 == 0 then goto continue end
  out[#out + 1] = i
  ::continue::
until i >= 7
print(table.concat(out, ","))
