local a <const> = 10
local s <const> = "str"
print(a * 2, s .. "!")
print(load("local x <const> = 1; x = 2"))
print(load("local x <foo> = 1"))
print(load("local function f() local y <const> = 1 return function() y = 2 end end"))
local t <const> = {}
t.field = 1 print(t.field)
