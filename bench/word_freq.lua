-- bench: size=1900000 growth=linear
-- Word frequency: generate text from a pseudo-random vocabulary, split it with
-- gmatch, count words in a hash table, then rank them with table.sort.
local n = tonumber(arg and arg[1]) or 1900000

local seed = 99
local function random(m)
  seed = seed * 16807 % 2147483647
  return seed % m
end

local letters = "abcdefghijklmnopqrstuvwxyz"
local vocabulary = {}
for i = 1, 5000 do
  local length = random(8) + 2
  local chars = {}
  for k = 1, length do
    local p = random(26) + 1
    chars[k] = letters:sub(p, p)
  end
  vocabulary[i] = table.concat(chars)
end

local chunk = {}
local counts = {}
local distinct = 0
local function count_text(text)
  for word in text:gmatch("%a+") do
    word = word:lower()
    local c = counts[word]
    if c then counts[word] = c + 1 else counts[word] = 1; distinct = distinct + 1 end
  end
end
for i = 1, n do
  -- Skewed choice: small indices are much more frequent.
  local index = random(random(5000) + 1) + 1
  local word = vocabulary[index]
  if i % 11 == 0 then word = word:upper() end
  chunk[#chunk + 1] = word
  if #chunk == 1000 then
    count_text(table.concat(chunk, " "))
    chunk = {}
  end
end
count_text(table.concat(chunk, " "))

local ranked = {}
for word, c in pairs(counts) do ranked[#ranked + 1] = { word = word, count = c } end
table.sort(ranked, function(a, b)
  if a.count ~= b.count then return a.count > b.count end
  return a.word < b.word
end)
print(string.format("distinct %d", distinct))
for i = 1, 5 do print(string.format("%s %d", ranked[i].word, ranked[i].count)) end
