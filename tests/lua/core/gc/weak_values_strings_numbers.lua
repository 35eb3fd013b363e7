-- strings and numbers are not collectable as weak values
local t = setmetatable({}, {__mode = "v"})
t[1] = "a string" t[2] = 42 t[3] = {} t[4] = function() end
local keep = function() end t[5] = keep
collectgarbage() collectgarbage()
print(t[1], t[2], t[3], t[4], t[5] == keep)
