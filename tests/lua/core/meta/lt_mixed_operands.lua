local mt = {__lt = function(a, b)
  local av = type(a) == "table" and a.v or a
  local bv = type(b) == "table" and b.v or b
  return av < bv
end, __le = function(a, b)
  local av = type(a) == "table" and a.v or a
  local bv = type(b) == "table" and b.v or b
  return av <= bv
end}
local o = setmetatable({v = 5}, mt)
print(1 < o, o < 1, 5 <= o, o >= 6, "x" < setmetatable({v = "y"}, mt))
