-- __gc must be present when setmetatable is called for the object to be marked
local mt = {}
local t = setmetatable({}, mt)
mt.__gc = function() print("never: not marked") end
t = nil
collectgarbage()
local mt2 = {__gc = true}
local u = setmetatable({}, mt2)
mt2.__gc = function() print("marked earlier, finalizer replaced") end
u = nil
collectgarbage()
print("done")
