local chunk = load("local a, b = ... return a * b, select('#', ...)")
print(chunk(6, 7, "extra"))
local counter_env = {n = 0}
local inc = load("n = n + 1 return n", "inc", "t", counter_env)
inc() inc()
print(inc(), counter_env.n)
