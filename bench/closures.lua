-- bench: size=2200000 growth=linear
-- Closures and upvalues: creation in loops, shared upvalues, closed-over loop
-- variables, composition and higher-order calls.
local function counter()
  local count = 0
  return function(step)
    count = count + step
    return count
  end
end

local function pair()
  local shared = 0
  local function get() return shared end
  local function bump(d) shared = shared + d end
  return get, bump
end

local function compose(f, g)
  return function(x) return f(g(x)) end
end

local function map_reduce(list, map, reduce, init)
  local acc = init
  for i = 1, #list do acc = reduce(acc, map(list[i])) end
  return acc
end

local n = tonumber(arg and arg[1]) or 2200000
local total = 0

local c = counter()
for i = 1, n do total = c(i % 5) end

local get, bump = pair()
for i = 1, n do bump(i % 3) end
total = total + get()

local made = 0
for i = 1, n / 10 do
  local fns = {}
  for k = 1, 10 do fns[k] = function() return i + k end end
  made = (made + fns[3]() + fns[10]()) % 1000003
end

local inc = function(x) return x + 1 end
local dbl = function(x) return x * 2 end
local f = compose(inc, compose(dbl, inc))
local chained = 0
for i = 1, n do chained = (chained + f(i)) % 1000003 end

local list = {}
for i = 1, 100 do list[i] = i end
local reduced = 0
for _ = 1, n / 100 do
  reduced = (reduced + map_reduce(list, function(x) return x * 3 end,
                                  function(a, b) return a + b end, 0)) % 1000003
end

print(string.format("%d %d %d %d", total, made, chained, reduced))
