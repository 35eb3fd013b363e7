local grid = {}
for r = 1, 2 do
  for c = 1, 2 do
    grid[#grid + 1] = function() return r * 10 + c end
  end
end
for _, f in ipairs(grid) do io.write(f(), " ") end print()
