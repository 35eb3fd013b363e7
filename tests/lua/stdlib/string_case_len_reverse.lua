-- len, lower, upper, reverse: 8-bit clean, embedded zeros
print(string.len(""), string.len("abc"), string.len("a\0b\0"), #"\0\0\0")
print(string.len(1234), string.len(1.5))
print(string.lower("HeLLo WORLD 123 ÀÉ"), string.upper("hello world 123 àé"))
print(string.lower("A\0B") == "a\0b", string.upper("a\0b") == "A\0B")
print(string.reverse("abc"), string.reverse(""), string.reverse("a"), string.reverse("ab\0cd") == "dc\0ba")
print(("Lua"):upper(), ("Lua"):lower(), ("Lua"):reverse(), ("Lua"):len())
print(string.upper(12), string.reverse(123))
local all = {}
for i = 0, 255 do all[#all + 1] = string.char(i) end
local s = table.concat(all)
local up, low = s:upper(), s:lower()
local changedUp, changedLow = 0, 0
for i = 1, 256 do
  if up:byte(i) ~= s:byte(i) then changedUp = changedUp + 1 end
  if low:byte(i) ~= s:byte(i) then changedLow = changedLow + 1 end
end
print(changedUp, changedLow, s:reverse():byte(1), s:reverse():byte(256))
print(pcall(string.len))
print(pcall(string.lower, {}))
print(pcall(string.upper, nil))
print(pcall(string.reverse, true))
