local function check(v) if type(v) ~= "number" then error("expected number, got " .. type(v), 2) end end
print(pcall(function() check("x") end))
check({})
