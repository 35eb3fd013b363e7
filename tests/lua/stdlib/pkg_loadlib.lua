-- package.loadlib: missing library, missing symbol, "*" (global), the open function of a real library
local function clean(msg) return msg and (msg:gsub("^[^:]*: ", "")) end
local f, msg, where = package.loadlib("/nonexistent/lib.so", "luaopen_x")
print(f, clean(msg) ~= nil, where)
print(select(3, package.loadlib("/nonexistent/lib.so", "*")))
-- the C math library exists on every Linux system and has no Lua symbols
local libm = "libm.so.6"
local g, gmsg, gwhere = package.loadlib(libm, "luaopen_nothing")
print(g, gmsg:find("undefined symbol", 1, true) ~= nil, gwhere)
print(package.loadlib(libm, "*"))
local cos = package.loadlib(libm, "cos")
print(type(cos))
print(pcall(package.loadlib))
print(pcall(package.loadlib, "x"))
