-- bench: size=1100 growth=pow:2
-- Tight float loop with early exit: count points of the Mandelbrot set on an n x n grid.
local n = tonumber(arg and arg[1]) or 1100
local max_iter = 50
local inside, total_iter = 0, 0
for y = 0, n - 1 do
  local ci = 2.0 * y / n - 1.0
  for x = 0, n - 1 do
    local cr = 2.0 * x / n - 1.5
    local zr, zi, iter = 0.0, 0.0, 0
    while iter < max_iter do
      local zr2, zi2 = zr * zr, zi * zi
      if zr2 + zi2 > 4.0 then break end
      zi = 2.0 * zr * zi + ci
      zr = zr2 - zi2 + cr
      iter = iter + 1
    end
    if iter == max_iter then inside = inside + 1 end
    total_iter = total_iter + iter
  end
end
print(string.format("%d %d", inside, total_iter))
