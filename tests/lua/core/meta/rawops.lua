local t = setmetatable({}, {__index = function() return "meta" end, __newindex = function() error("no") end,
                          __len = function() return 99 end, __eq = function() return true end})
rawset(t, "k", "v")
print(rawget(t, "k"), rawget(t, "missing"), t.missing, rawlen(t), #t)
print(rawequal(t, t), rawequal(t, {}), rawlen("abc"))
print(pcall(rawset, t, nil, 1))
print(pcall(rawlen, 5))
