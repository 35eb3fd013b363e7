-- a reader may split the source anywhere, even inside tokens
local src = "local longname = 12345 return longname .. 'str' .. [[long]]"
local i = 0
local f = load(function() i = i + 1 return src:sub(i, i) ~= "" and src:sub(i, i) or nil end)
print(f())
-- an empty piece ends the chunk: what follows it is never read
local j = 0
local empty_pieces = load(function() j = j + 1 if j == 1 then return "" end if j == 2 then return "return 1" end end)
print(empty_pieces and empty_pieces())
