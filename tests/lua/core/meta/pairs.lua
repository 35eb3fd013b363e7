local t = setmetatable({}, {__pairs = function(self)
  local i = 0
  return function() i = i + 1 if i <= 3 then return i, i * i end end, self, nil
end})
for k, v in pairs(t) do io.write(k, "=", v, " ") end print()
-- ipairs respects __index
local p = setmetatable({}, {__index = function(_, i) if i <= 3 then return i * 10 end end})
for i, v in ipairs(p) do io.write(i, ":", v, " ") end print()
