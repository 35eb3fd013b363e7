local x = 1 -- trailing comment
local y =
  2 --[[ inline ]] + 3
print(x, y)
print(1--[[c]]+--[[c]]1)
print("a"--
..
"b")
