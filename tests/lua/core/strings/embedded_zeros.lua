local s = "a\0b\0c"
print(#s, s:byte(2), s:find("\0", 1, true), s:sub(3, 3))
print(s == "a\0b\0c", s < "a\0b\0d", ("\0"):rep(3) == "\0\0\0")
print(#string.format("%s", s), #(s .. s), #s:upper())
print(s:gsub("%z", "Z"))
print(("x\0y"):len(), #tostring("x\0y"))
