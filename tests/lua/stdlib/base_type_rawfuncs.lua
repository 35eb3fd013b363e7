-- type and the raw* functions
print(type(nil), type(1), type(1.5), type("s"), type({}), type(print), type(true), type(coroutine.create(print)))
print(pcall(type))
local mt = {__index = function() return "idx" end, __newindex = function() error("no") end,
            __len = function() return 99 end, __eq = function() return true end}
local a, b = setmetatable({}, mt), setmetatable({}, mt)
print(a.x, rawget(a, "x"))
rawset(a, "x", 1)
print(a.x, rawget(a, "x"))
print(#a, rawlen(a), rawlen("hello"), rawlen({1, 2, 3}))
print(a == b, rawequal(a, b), rawequal(a, a), rawequal(1, 1.0), rawequal("a", "a"))
print(pcall(rawlen, 5))
print(pcall(rawget, 5, 1))
print(pcall(rawget, {}))
print(pcall(rawset, {}, nil, 1))
print(pcall(rawset, {}, 0/0, 1))
print(pcall(rawset, {}, 1))
print(pcall(rawequal, 1))
print(rawset(a, "y", 2) == a, rawget(a, "y"))
