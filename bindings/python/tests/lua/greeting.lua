-- A plain Lua module for the require tests.
local M = {}
function M.hello(name) return "hello, " .. name end
M.loaded_as = ...
return M
