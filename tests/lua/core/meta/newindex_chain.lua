local final = {}
local middle = setmetatable({}, {__newindex = final})
local top = setmetatable({}, {__newindex = middle})
top.a = 1
print(rawget(top, "a"), rawget(middle, "a"), final.a)
local logged = {}
local m2 = setmetatable({}, {__newindex = function(_, k, v) logged[#logged + 1] = k .. "=" .. tostring(v) end})
local t2 = setmetatable({}, {__newindex = m2})
t2.x = 1 t2.y = 2
print(table.concat(logged, " "))
t2.z = nil
print(#logged)
