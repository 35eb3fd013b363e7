local closures = {}
do
  local n = 0
  ::top::
  local captured = n
  closures[#closures + 1] = function() return captured end
  n = n + 1
  if n < 3 then goto top end
end
print(closures[1](), closures[2](), closures[3]())
