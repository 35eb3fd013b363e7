-- bench: size=700 growth=pow:2
-- Float loops over arrays with a function call per element: spectral norm of A.
local function a(i, j)
  local ij = i + j - 1
  return 1.0 / (ij * (ij - 1) * 0.5 + i)
end

local function mul_av(n, x, y)
  for i = 1, n do
    local sum = 0.0
    for j = 1, n do sum = sum + a(i, j) * x[j] end
    y[i] = sum
  end
end

local function mul_atv(n, x, y)
  for i = 1, n do
    local sum = 0.0
    for j = 1, n do sum = sum + a(j, i) * x[j] end
    y[i] = sum
  end
end

local function mul_atav(n, x, y, tmp)
  mul_av(n, x, tmp)
  mul_atv(n, tmp, y)
end

local n = tonumber(arg and arg[1]) or 700
local u, v, t = {}, {}, {}
for i = 1, n do u[i] = 1.0 end
for _ = 1, 10 do
  mul_atav(n, u, v, t)
  mul_atav(n, v, u, t)
end
local vbv, vv = 0.0, 0.0
for i = 1, n do
  vbv = vbv + u[i] * v[i]
  vv = vv + v[i] * v[i]
end
print(string.format("%.9f", math.sqrt(vbv / vv)))
