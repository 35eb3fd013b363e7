local function multi() return 1, 2, 3 end
local function tail() return multi() end
local function not_tail() return (multi()) end
print(tail())
print(not_tail())
local function vararg_tail(...) return select("#", ...), ... end
local function call_it() return vararg_tail(nil, nil) end
print(call_it())
