-- # uses the raw border; __index does not matter
local t = setmetatable({1, 2}, {__index = function(_, k) return k end})
print(#t, t[3])
