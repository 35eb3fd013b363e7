local function many() return 1, nil, 3, nil end
print(select("#", pcall(many)))
print(pcall(many))
local co = coroutine.wrap(function(...) coroutine.yield(select("#", ...)) return ... end)
print(co(nil, nil, nil))
print(co())
