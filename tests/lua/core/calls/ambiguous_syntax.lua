local f = function() return 1 end
local a = f
;(print)("semicolon starts a statement")
local ok, err = load("local a = f\n(print)('x')")
print(ok ~= nil, err)
