-- bench: size=14 growth=exp:2
-- Allocation + GC: build and walk many complete binary trees of tables.
local function build(depth)
  if depth == 0 then return {} end
  depth = depth - 1
  return { build(depth), build(depth) }
end

local function check(tree)
  local left = tree[1]
  if left then return 1 + check(left) + check(tree[2]) end
  return 1
end

local max_depth = tonumber(arg and arg[1]) or 14
local min_depth = 4
if max_depth < min_depth + 2 then max_depth = min_depth + 2 end

local stretch = max_depth + 1
print(string.format("stretch tree of depth %d check: %d", stretch, check(build(stretch))))

local long_lived = build(max_depth)
for depth = min_depth, max_depth, 2 do
  local iterations = 2 ^ (max_depth - depth + min_depth)
  local total = 0
  for _ = 1, iterations do
    total = total + check(build(depth))
  end
  print(string.format("%d trees of depth %d check: %d", iterations, depth, total))
end
print(string.format("long lived tree of depth %d check: %d", max_depth, check(long_lived)))
