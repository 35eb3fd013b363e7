local function f(...) return select("#", ...), ... end
print(f())
print(f(1, nil, 3))
print(f(nil, nil))
local function g(a, ...) local t = {...} return a, #t, t[1] end
print(g(1, 2, 3))
print((f(1, 2, 3)))
