-- module used by require_local_module.lua
local name, path = ...
local M = {name = name, loaded_from = path}
function M.add(a, b) return a + b end
return M
