local function fact(n) if n <= 1 then return 1 end return n * fact(n - 1) end
print(fact(10), fact(20))
local fib
fib = function(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
print(fib(20))
local ok = pcall(load("local g = function(n) return n > 0 and g(n - 1) end return g(1)"))
print(ok)
