local function f(x) return type(x), x end
print(f"str")
print(f[[long]])
print(f{1, 2}  ~= nil)
local t = {g = function(self, v) return v.k end}
print(t:g{k = "table-arg"})
print(("x"):rep(3))
