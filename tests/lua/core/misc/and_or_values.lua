print(nil and 1, false and 1, 0 and 1, "" and "s")
print(nil or "default", false or nil, 1 or error("not evaluated"))
print(nil and error("not evaluated"), (false or nil) == nil)
local function f() return 1, 2 end
print(f() or 3, (f()) and f())
print(not nil, not 0, not not "x")
