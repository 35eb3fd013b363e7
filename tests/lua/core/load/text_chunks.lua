local f = load("return 1 + 1")
print(f())
print(load("syntax error here"))
print(load("return ...", "=named")(7))
local pieces = {"return ", "'from ", "pieces'"}
local i = 0
print(load(function() i = i + 1 return pieces[i] end)())
print(type(load(function() return nil end)))
local f1, e1 = load(function() return {} end)
print(f1, (e1:match("^[^\n]*")))
local f2, e2 = load(function() error("reader error") end)
print(f2, (e2:match("^[^\n]*")))
