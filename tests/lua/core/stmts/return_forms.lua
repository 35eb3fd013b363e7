local function a() return end
local function b() return 1, 2 end
local function c() do return "early" end end
local function d(x) if x then return "yes" end return "no" end
print(a(), select("#", a()), b(), c(), d(true), d(false))
print(load("return 1 print(2)"))
print(type(load("return; ")))
