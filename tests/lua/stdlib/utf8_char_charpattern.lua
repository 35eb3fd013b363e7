-- utf8.char and utf8.charpattern
local function hex(s) return (s:gsub(".", function(c) return string.format("%02X ", c:byte()) end)) end
print(utf8.char(72, 101, 108, 108, 111), utf8.char(), utf8.char(0) == "\0")
print(hex(utf8.char(0x7F)), hex(utf8.char(0x80)), hex(utf8.char(0x7FF)), hex(utf8.char(0x800)))
print(hex(utf8.char(0xFFFF)), hex(utf8.char(0x10000)), hex(utf8.char(0x10FFFF)))
print(hex(utf8.char(0x110000)), hex(utf8.char(0x1FFFFF)), hex(utf8.char(0x200000)))
print(hex(utf8.char(0x3FFFFFF)), hex(utf8.char(0x4000000)), hex(utf8.char(0x7FFFFFFF)))
print(hex(utf8.char(0xD800)), utf8.char(228, 8364, 0x1F600))
print(utf8.char("65", 66.0))
print(pcall(utf8.char, 0x80000000))
print(pcall(utf8.char, -1))
print(pcall(utf8.char, 65, "x"))
print(pcall(utf8.char, 1.5))
print(hex(utf8.charpattern), #utf8.charpattern)
local count = 0
for c in ("héllo wörld €"):gmatch(utf8.charpattern) do count = count + 1 end
print(count)
local names = {}
for k in pairs(utf8) do names[#names + 1] = k end
table.sort(names)
print(table.concat(names, " "))
