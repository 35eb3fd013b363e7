-- bench: size=18000000 growth=linear
-- Float loops: midpoint-rule integration of 4/(1+x^2) and a logistic map.
local n = tonumber(arg and arg[1]) or 18000000

local h = 1.0 / n
local sum = 0.0
for i = 1, n do
  local x = (i - 0.5) * h
  sum = sum + 4.0 / (1.0 + x * x)
end

local x, acc = 0.3, 0.0
for _ = 1, n do
  x = 3.7 * x * (1.0 - x)
  acc = acc + x * 0.5 - 0.25
end

print(string.format("%.9f %.6f", sum * h, acc / n))
