-- \r, \n, \r\n and \n\r each count as one line
local f = load("x = 1\r\ny = 2\n\rz = 3\rerror('line')")
print(pcall(f))
local g = load("return [[a\r\nb]]")
print(#g(), g():byte(2))
local h = load("return 'a\\\r\nb'")
print(#h(), h():byte(2))
