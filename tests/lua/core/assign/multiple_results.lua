local function mr() return 1, 2, 3 end
local a, b, c, d = mr()
print(a, b, c, d)
local e, f = mr(), 10
print(e, f)
local g, h, i = 0, mr()
print(g, h, i)
local j = (mr())
print(j)
