for i = 1, 3 do
  for j = 1, 3 do
    if i * j == 4 then goto done end
  end
end
::done::
print("left both loops")
local function f()
  goto out
  do return "not here" end
  ::out::
  return "out"
end
print(f())
