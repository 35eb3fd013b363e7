-- \xXX hexadecimal escapes: exactly two digits
print(("\x41\x62\x7A\xff\x00"):byte(1, -1))
print("\x4A\x4a" == "JJ")
print(load([[return "\x4"]]))
print(load([[return "\xg0"]]))
