-- string metatable: __index and arithmetic coercion of numeric strings
-- error messages keep "file.lua:line:" but drop any directory, so the runner's cwd does not matter
local function err(ok, msg) return ok, (tostring(msg):gsub("^.-([%w_]+%.lua:%d+:)", "%1")) end
print(getmetatable("").__index == string)
print("10" + 5, "10" - 5, "10" * 2, "10" / 4, "10" % 3, "2" ^ 10, "7" // 2, -"3")
print("0x10" + 0, "1e2" + 0, " 5 " + 1, "5" + "6", 1 + "2.5")
print(math.type("10" + 1), math.type("10.0" + 1), math.type("3" // "2"), math.type("3.0" // 2))
print("10" // "0.0", -"-0", "-7" % "3")
print(err(pcall(function() return "abc" + 1 end)))
print(err(pcall(function() return 1 + "abc" end)))
print(err(pcall(function() return "1" + {} end)))
print(err(pcall(function() return "x" * "y" end)))
print(err(pcall(function() return -"x" end)))
print(err(pcall(function() return "10" // "0" end)))
print(err(pcall(function() return "10" % "0" end)))
local mt = {__add = function(a, b) return "meta add" end, __unm = function() return "meta unm" end}
local obj = setmetatable({}, mt)
print("5" + obj, obj + "5")
print(err(pcall(function() return "5" - obj end)))
print(("x"):rep(2), ("%d"):format(7), (""):len())
print(select(2, pcall(function() return ("x"):nosuch() end)):match("attempt to call.*"))
print(getmetatable("").__name, rawlen(getmetatable("")))
