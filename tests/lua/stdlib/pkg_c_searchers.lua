-- C and all-in-one searchers: a file that is not a shared library is an error loading the module
package.path = ""
package.cpath = "./helpers/pkg/?.so"
local ok, msg = pcall(require, "empty")
print(ok, (msg:gsub("\n\t[^\n]*empty%.so:[^\n]*$", "\n\t<dlopen error>")))
local ok2, msg2 = pcall(require, "empty.sub")
print(ok2, (msg2:gsub("\n\t[^\n]*empty%.so:[^\n]*$", "\n\t<dlopen error>")))
-- the all-in-one searcher only applies to submodules
package.cpath = "./helpers/pkg/?.so;./helpers/none/?.so"
print(select(2, pcall(require, "missing.sub")))
-- loadlib on that file also fails in "open"
local f, err, where = package.loadlib("./helpers/pkg/empty.so", "luaopen_empty")
print(f, type(err), where)
