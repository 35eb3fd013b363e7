-- \ddd decimal escapes: up to three digits
print(("\65\066\0673"):byte(1, -1))
print("\0" == string.char(0), #"\0\00\000")
print("\255" == string.char(255))
print(#"a\0b", ("a\0b"):byte(2))
print(load([[return "\256"]]))
print(load([[return "\300"]]))
