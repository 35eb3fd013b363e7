local order = {}
do
  for i = 1, 3 do setmetatable({}, {__gc = function() order[#order + 1] = i end}) end
end
collectgarbage() collectgarbage()
table.sort(order)
print(table.concat(order, ","))
local resurrected
do
  setmetatable({name = "zombie"}, {__gc = function(o) resurrected = o end})
end
collectgarbage() collectgarbage()
print(resurrected and resurrected.name)
