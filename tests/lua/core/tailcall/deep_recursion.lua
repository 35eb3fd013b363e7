local function loop(n) if n == 0 then return "done" end return loop(n - 1) end
print(loop(1000000))
local function even(n) if n == 0 then return true end return odd(n - 1) end
function odd(n) if n == 0 then return false end return even(n - 1) end
print(even(100001))
local t = setmetatable({}, {__call = function(self, n) if n == 0 then return "meta done" end return self(n - 1) end})
print(t(100000))
