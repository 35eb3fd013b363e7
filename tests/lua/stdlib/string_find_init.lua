-- init argument of find/match/gmatch/unpack at and beyond the ends
local s = "abcabc"
for _, init in ipairs{-100, -7, -6, -1, 0, 1, 3, 6, 7, 8, 100, math.maxinteger, math.mininteger} do
  print(init, s:find("b", init), s:find("b", init, true), s:match("()", init), s:find("", init), s:match("^.", init))
end
for _, init in ipairs{-1, 0, 1, 5, 6, 7, 8} do
  local out = {}
  for m in s:gmatch(".?", init) do out[#out + 1] = "<" .. m .. ">" end
  print(init, table.concat(out))
end
