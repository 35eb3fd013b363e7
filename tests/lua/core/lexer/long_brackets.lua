-- long strings of several levels; first newline skipped
local a = [[
line1
line2]]
print(a)
print([==[has ]] and ]=] inside]==])
print(#[[
]])
print([=[
x]=] .. "|")
print([[a\nb]])
local lvl4 = [====[ ]===] ]====]
print(lvl4)
