-- char -> codepoint -> len -> offset consistency over many code points
local codes = {0, 1, 0x7F, 0x80, 0xFF, 0x100, 0x7FF, 0x800, 0xFFF, 0xD7FF, 0xE000, 0xFFFD, 0xFFFF, 0x10000,
               0x1F600, 0x10FFFF}
local s = utf8.char(table.unpack(codes))
print(#s, utf8.len(s))
local back = {utf8.codepoint(s, 1, -1)}
local same = #back == #codes
for i = 1, #codes do same = same and back[i] == codes[i] end
print(same)
local positions = {}
for p, c in utf8.codes(s) do positions[#positions + 1] = p end
print(table.concat(positions, " "))
for i = 1, #codes do io.write(utf8.offset(s, i), " ") end print()
for i = 1, #codes do io.write(utf8.offset(s, -i), " ") end print()
local lax = {0x110000, 0x1FFFFF, 0x3FFFFFF, 0x7FFFFFFF, 0xD800, 0xDFFF}
local ls = utf8.char(table.unpack(lax))
print(#ls, utf8.len(ls), utf8.len(ls, 1, -1, true), utf8.codepoint(ls, 1, -1, true))
local n = 0
for c = 0, 0x10FFFF, 997 do
  if c < 0xD800 or c > 0xDFFF then
    local ch = utf8.char(c)
    if utf8.codepoint(ch) == c and utf8.len(ch) == 1 and #ch == (c < 0x80 and 1 or c < 0x800 and 2 or c < 0x10000 and 3 or 4) then n = n + 1 end
  end
end
print(n)
