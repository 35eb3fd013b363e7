local saved = {}
local mt = {__gc = function(o) saved[#saved + 1] = o end}
do local x = setmetatable({name = "x"}, mt) end
collectgarbage() collectgarbage()
print(#saved, saved[1] and saved[1].name)
-- a resurrected object is not finalized again
saved[1] = nil
collectgarbage() collectgarbage()
print(#saved)
