-- bench: size=340000 growth=linear
-- String building: table.concat of many pieces, '..' chains, string.format,
-- string.rep and tostring of integers.
local n = tonumber(arg and arg[1]) or 340000
local words = { "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta" }

local parts = {}
for i = 1, n do
  parts[#parts + 1] = string.format("%s-%d:%5.2f", words[i % 8 + 1], i, (i % 100) / 8)
end
local joined = table.concat(parts, ",")

local line_total, checksum = 0, 0
for i = 1, n do
  local line = "item " .. i .. " of " .. n .. " [" .. words[i % 8 + 1] .. "]"
  line_total = line_total + #line
end

local s = ""
for i = 1, n do
  s = s .. words[i % 8 + 1]
  if #s > 200 then
    checksum = (checksum + s:byte(i % 200 + 1)) % 1000003
    s = ""
  end
end

local rows = {}
for i = 1, n / 10 do
  rows[#rows + 1] = tostring(i) .. string.rep("=", i % 10) .. "|"
end
local table_text = table.concat(rows)

print(string.format("%d %d %d %d", #joined, line_total, checksum, #table_text))
