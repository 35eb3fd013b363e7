-- every single-character escape, printed as byte codes
local s = "\a\b\f\n\r\t\v\\\"\'"
for i = 1, #s do io.write(s:byte(i), " ") end
print()
print(#"\a\b\f\n\r\t\v\\\"\'")
print('it\'s', "say \"hi\"")
