local C = setmetatable({}, {__concat = function(a, b)
  local sa = type(a) == "table" and "C" or tostring(a)
  local sb = type(b) == "table" and "C" or tostring(b)
  return sa .. "+" .. sb
end})
print(C .. "x", "x" .. C, 1 .. C, C .. C)
print("a" .. "b" .. C)
print(pcall(function() return {} .. "x" end))
