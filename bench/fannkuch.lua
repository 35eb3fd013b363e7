-- bench: size=9 growth=fact
-- Array permutation and reversal: fannkuch-redux (checksum and max flips).
local function fannkuch(n)
  local perm, perm1, count = {}, {}, {}
  for i = 0, n - 1 do perm1[i] = i end
  local max_flips, checksum, index = 0, 0, 0
  local r = n
  while true do
    while r ~= 1 do
      count[r - 1] = r
      r = r - 1
    end
    for i = 0, n - 1 do perm[i] = perm1[i] end
    local flips = 0
    local k = perm[0]
    while k ~= 0 do
      local lo, hi = 0, k
      while lo < hi do
        perm[lo], perm[hi] = perm[hi], perm[lo]
        lo = lo + 1
        hi = hi - 1
      end
      flips = flips + 1
      k = perm[0]
    end
    if flips > max_flips then max_flips = flips end
    if index % 2 == 0 then checksum = checksum + flips else checksum = checksum - flips end
    -- Advance perm1 to the next permutation by rotating prefixes.
    while true do
      if r == n then return checksum, max_flips end
      local first = perm1[0]
      for i = 0, r - 1 do perm1[i] = perm1[i + 1] end
      perm1[r] = first
      count[r] = count[r] - 1
      if count[r] > 0 then break end
      r = r + 1
    end
    index = index + 1
  end
end

-- One fannkuch(9) is ~0.3 s on lua5.4; repeat it so the default run is ~1 s
-- while the size argument keeps its usual meaning.
local n = tonumber(arg and arg[1]) or 9
local repeats = tonumber(arg and arg[2]) or 3
local checksum, flips
for _ = 1, repeats do checksum, flips = fannkuch(n) end
print(string.format("%d\nPfannkuchen(%d) = %d", checksum, n, flips))
