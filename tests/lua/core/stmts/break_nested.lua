for i = 1, 3 do
  for j = 1, 3 do
    if j == 2 then break end
    io.write(i, ",", j, " ")
  end
end
print()
local k = 0
while true do
  k = k + 1
  repeat if k > 2 then break end until true
  if k > 5 then break end
end
print(k)
print(load("break"))
print(load("do local x end break"))
