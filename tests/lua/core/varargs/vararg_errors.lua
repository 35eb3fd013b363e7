print(load("function f() return ... end"))
print(load("local function f(a, ...) local function g() return ... end end"))
