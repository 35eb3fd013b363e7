-- bench: size=48 growth=linear
-- A pure-Lua JSON encoder and decoder: encode a generated document (objects
-- with sorted keys, arrays, strings with escapes, integers, floats, booleans,
-- null), decode it, re-encode, and check the round trip.
local byte, char, sub, find, format = string.byte, string.char, string.sub, string.find, string.format
local concat, sort = table.concat, table.sort
local floor = math.floor

local null = setmetatable({}, { __tostring = function() return "null" end })

local escapes = { ['"'] = '\\"', ['\\'] = '\\\\', ['\b'] = '\\b', ['\f'] = '\\f',
                  ['\n'] = '\\n', ['\r'] = '\\r', ['\t'] = '\\t' }

local function escape_char(c)
  return escapes[c] or format("\\u%04x", byte(c))
end

local encode_value

local function is_array(t)
  local count = 0
  for _ in pairs(t) do count = count + 1 end
  return count == #t
end

local function encode_table(t, out)
  if next(t) ~= nil and is_array(t) then
    out[#out + 1] = "["
    for i = 1, #t do
      if i > 1 then out[#out + 1] = "," end
      encode_value(t[i], out)
    end
    out[#out + 1] = "]"
  elseif next(t) == nil then
    out[#out + 1] = "{}"
  else
    local keys = {}
    for k in pairs(t) do keys[#keys + 1] = k end
    sort(keys)
    out[#out + 1] = "{"
    for i = 1, #keys do
      local k = keys[i]
      if i > 1 then out[#out + 1] = "," end
      encode_value(k, out)
      out[#out + 1] = ":"
      encode_value(t[k], out)
    end
    out[#out + 1] = "}"
  end
end

function encode_value(v, out)
  local kind = type(v)
  if kind == "string" then
    out[#out + 1] = '"' .. v:gsub('[%c"\\]', escape_char) .. '"'
  elseif kind == "number" then
    if v == floor(v) and v > -1e15 and v < 1e15 then
      out[#out + 1] = format("%d", v)
    else
      out[#out + 1] = format("%.14g", v)
    end
  elseif kind == "boolean" then
    out[#out + 1] = v and "true" or "false"
  elseif v == null then
    out[#out + 1] = "null"
  elseif kind == "table" then
    encode_table(v, out)
  else
    error("cannot encode " .. kind)
  end
end

local function encode(v)
  local out = {}
  encode_value(v, out)
  return concat(out)
end

-- Decoder: recursive descent over byte positions.
local decode_value

local function skip_space(text, pos)
  return find(text, "[^ \t\r\n]", pos) or #text + 1
end

local unescapes = { [98] = "\b", [102] = "\f", [110] = "\n", [114] = "\r", [116] = "\t",
                    [34] = '"', [92] = "\\", [47] = "/" }

local function decode_string(text, pos)
  local pieces = {}
  local start = pos + 1
  while true do
    local stop = find(text, '["\\]', start)
    if not stop then error("unterminated string") end
    pieces[#pieces + 1] = sub(text, start, stop - 1)
    if byte(text, stop) == 34 then return concat(pieces), stop + 1 end
    local code = byte(text, stop + 1)
    if code == 117 then
      pieces[#pieces + 1] = char(tonumber(sub(text, stop + 2, stop + 5), 16))
      start = stop + 6
    else
      pieces[#pieces + 1] = unescapes[code] or error("bad escape")
      start = stop + 2
    end
  end
end

local function decode_array(text, pos)
  local result = {}
  pos = skip_space(text, pos + 1)
  if byte(text, pos) == 93 then return result, pos + 1 end
  while true do
    local value
    value, pos = decode_value(text, pos)
    result[#result + 1] = value
    pos = skip_space(text, pos)
    local c = byte(text, pos)
    if c == 93 then return result, pos + 1 end
    if c ~= 44 then error("expected , or ] at " .. pos) end
    pos = skip_space(text, pos + 1)
  end
end

local function decode_object(text, pos)
  local result = {}
  pos = skip_space(text, pos + 1)
  if byte(text, pos) == 125 then return result, pos + 1 end
  while true do
    local key, value
    key, pos = decode_string(text, pos)
    pos = skip_space(text, pos)
    if byte(text, pos) ~= 58 then error("expected : at " .. pos) end
    value, pos = decode_value(text, skip_space(text, pos + 1))
    result[key] = value
    pos = skip_space(text, pos)
    local c = byte(text, pos)
    if c == 125 then return result, pos + 1 end
    if c ~= 44 then error("expected , or } at " .. pos) end
    pos = skip_space(text, pos + 1)
  end
end

function decode_value(text, pos)
  local c = byte(text, pos)
  if c == 123 then return decode_object(text, pos) end
  if c == 91 then return decode_array(text, pos) end
  if c == 34 then return decode_string(text, pos) end
  if c == 116 then return true, pos + 4 end
  if c == 102 then return false, pos + 5 end
  if c == 110 then return null, pos + 4 end
  local s, e = find(text, "^-?%d+%.?%d*[eE]?[-+]?%d*", pos)
  if not s then error("unexpected character at " .. pos) end
  return tonumber(sub(text, s, e)), e + 1
end

local function decode(text)
  local value, pos = decode_value(text, skip_space(text, 1))
  if skip_space(text, pos) <= #text then error("trailing garbage") end
  return value
end

-- Document generator.
local seed = 7
local function random(m)
  seed = seed * 16807 % 2147483647
  return seed % m
end

local names = { "alice", "bob", "carol", "dave", "eve", "mallory", "trent", "peggy" }
local function make_record(i)
  local tags = {}
  for k = 1, random(5) do tags[k] = names[random(#names) + 1] .. k end
  return {
    id = i,
    name = names[i % #names + 1] .. " \"the " .. i .. "\"\n",
    score = random(100000) / 64,
    active = random(2) == 1,
    parent = i > 1 and i - 1 or null,
    tags = tags,
    position = { x = random(1000) - 500, y = random(1000) - 500, label = "p\t" .. i },
    empty = {},
  }
end

local rounds = tonumber(arg and arg[1]) or 48
local document = { version = 3, records = {} }
for i = 1, 300 do document.records[i] = make_record(i) end

local total_length, checksum = 0, 0
for round = 1, rounds do
  document.version = round
  local text = encode(document)
  local decoded = decode(text)
  local again = encode(decoded)
  if again ~= text then error("round trip mismatch in round " .. round) end
  total_length = total_length + #text
  local records = decoded.records
  for i = 1, #records, 7 do
    local r = records[i]
    checksum = (checksum + r.id + #r.tags + r.position.x + floor(r.score)) % 1000000007
  end
end
print(string.format("%d %d", total_length, checksum))
