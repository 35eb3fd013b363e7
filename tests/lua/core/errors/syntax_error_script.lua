print("this file does not compile"
local x = = 1
