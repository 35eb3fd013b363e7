package.path = "./helpers/?.lua;" .. package.path
local m = require("sample_module")
print(m.name, m.add(2, 3))
print(require("sample_module") == m, package.loaded.sample_module == m)
print(select(2, require("sample_module")))
local ok, err = pcall(require, "no_such_module_xyz")
print(ok, (err:match("^[^\n]*")))
