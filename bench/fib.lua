-- bench: size=36 growth=exp:1.618
-- Recursive calls: naive doubly recursive Fibonacci (call/return overhead).
local function fib(n)
  if n < 2 then return n end
  return fib(n - 1) + fib(n - 2)
end

local n = tonumber(arg and arg[1]) or 36
print(string.format("fib(%d) = %d", n, fib(n)))
