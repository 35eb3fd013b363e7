;;; local a = 1; local b = 2;
print(a + b);
local function f() ; return ; end
print(f())
print(load(";") ~= nil, load("return;") ~= nil)
print(load("local x = 1;;;; return x")())
