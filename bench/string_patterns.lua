-- bench: size=270 growth=linear
-- String patterns: gsub with string/table/function replacements, gmatch with
-- captures, find (plain and pattern) and match, over a generated text.
local rounds = tonumber(arg and arg[1]) or 270

local seed = 12345
local function random(m)
  seed = seed * 16807 % 2147483647
  return seed % m
end

local syllables = { "ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "ze" }
local pieces = {}
for i = 1, 3000 do
  local word = {}
  for k = 1, random(3) + 1 do word[k] = syllables[random(#syllables) + 1] end
  pieces[#pieces + 1] = table.concat(word)
  if i % 7 == 0 then pieces[#pieces + 1] = "key" .. i .. "=" .. random(1000) .. ";" end
  if i % 50 == 0 then pieces[#pieces + 1] = "\n" end
end
local text = table.concat(pieces, " ")
local upper = { ka = "KA", lo = "LO" }

local total = 0
for _ = 1, rounds do
  local _, words = text:gsub("%a+", "")
  local replaced, count = text:gsub("(%a+)=(%d+)", "%2=%1")
  local mapped = text:gsub("%l%l", upper)
  local lengths = 0
  text:gsub("%w+", function(w) lengths = lengths + #w end)
  local sum = 0
  for key, value in text:gmatch("key(%d+)=(%d+);") do sum = sum + key % 97 + value end
  local lines = 0
  for _ in text:gmatch("[^\n]+") do lines = lines + 1 end
  local position, found = 1, 0
  while true do
    local s, e = text:find("kalo", position, true)
    if not s then break end
    found = found + 1
    position = e + 1
  end
  local first = text:match("key(%d+)=")
  local anchored = select(2, text:find("^%s*(%a+)"))
  total = (total + words + count + #replaced + #mapped + lengths + sum + lines + found
           + tonumber(first) + anchored) % 1000000007
end
print(string.format("%d %d", #text, total))
