function globalf(a, b) return a + b end
local t = {a = {}}
function t.a.f(x) return x end
function t.a:m() return self == t.a end
local function lf(...) return ... end
print(globalf(1, 2), t.a.f(3), t.a:m(), lf(4, 5))
local anon = function(x) return x * x end
print(anon(7))
print(load("function a.b:c.d() end"))
