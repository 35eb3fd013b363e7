-- empty matches: 5.4 never accepts an empty match right where the previous match ended
print(string.gsub("hello world", "%w*", "-"))
print(string.gsub("abc", "%w*", "-"))
print(string.gsub("  a  b  ", "%s*", "_"))
print(string.gsub("abc", "b*", "-"))
print(string.gsub("", "x*", "-"), string.gsub("", "", "-"))
print(string.gsub("a,b,,c", ",*", "|"))
local parts = {}
for w in string.gmatch("a,b,,c", "[^,]*") do parts[#parts + 1] = "<" .. w .. ">" end
print(table.concat(parts))
parts = {}
for a, b in string.gmatch("ab", "()(.?)") do parts[#parts + 1] = a .. ":" .. b end
print(table.concat(parts, " "))
print(string.gsub("abc", ".-", "x"), string.gsub("abc", "()", "%1"))
print(string.gsub("αβ", "", "."))
print(string.find("abc", "", 2), string.find("abc", "()", 4), string.match("abc", "()", 3))
print(string.gsub("aaa", "a-", "!"), string.gsub("aaa", "a?", "!"))
