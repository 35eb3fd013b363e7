-- sqrt, exp, log, trig, deg/rad
-- error messages keep "file.lua:line:" but drop any directory, so the runner's cwd does not matter
local function err(ok, msg) return ok, (tostring(msg):gsub("^.-([%w_]+%.lua:%d+:)", "%1")) end
local function r(x) return string.format("%.12g", x) end
print(r(math.sqrt(2)), math.sqrt(16), math.sqrt(-1) ~= math.sqrt(-1), math.sqrt(1/0), math.type(math.sqrt(4)))
print(math.exp(0), r(math.exp(1)), math.exp(-1/0), math.exp(1/0))
print(math.log(1), r(math.log(10)), math.log(0), r(math.log(8, 2)), math.log(1024, 2), math.log(1000, 10))
print(math.log(100, 10), r(math.log(27, 3)), math.log(2^60, 2), r(math.log(10, 100)), math.log(-1) ~= math.log(-1))
print(math.log(1, 1) ~= math.log(1, 1), math.log(8, 2.0), math.log(0, 10), math.log(1/0, 2))
print(math.sin(0), r(math.sin(math.pi / 2)), math.cos(0), r(math.cos(math.pi)), math.tan(0), r(math.tan(1)))
print(math.asin(0), r(math.asin(1)), math.acos(1), r(math.acos(0)), math.atan(0), r(math.atan(1)))
print(r(math.atan(1, 1)), r(math.atan(1, -1)), r(math.atan(-1, -1)), math.atan(0, -1) == math.pi, r(math.atan(1, 0)))
print(math.atan(0.0, 1), math.atan(-0.0, 1), r(math.atan(1, 2)), r(math.atan(1, nil)))
print(math.deg(math.pi), math.rad(180) == math.pi, math.deg(0), r(math.rad(1)))
print(math.asin(2) ~= math.asin(2), math.type(math.sin(0)), math.sin("0"))
print(pcall(math.sqrt))
print(pcall(math.sin, "x"))
print(pcall(math.log, 10, "x"))
print(err(pcall(function() return math.atan(1, {}) end)))
print(pcall(math.exp, nil))
print(pcall(math.deg))
