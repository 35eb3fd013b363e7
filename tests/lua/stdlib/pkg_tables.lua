-- the package table: fields, config, searchers, path defaults
local keys = {}
for k in pairs(package) do keys[#keys + 1] = k end
table.sort(keys)
print(table.concat(keys, " "))
print(package.config == "/\n;\n?\n!\n-\n")
print(#package.searchers, type(package.searchers[1]))
print(type(package.preload), type(package.loaded))
print(package.path)
print(package.cpath)
print(debug.getregistry()._LOADED == package.loaded, debug.getregistry()._PRELOAD == package.preload)
print(type(debug.getregistry()._CLIBS))
-- searchers called directly
print(package.searchers[1]("nope"))
package.preload.direct = print
print(package.searchers[1]("direct") == print, select(2, package.searchers[1]("direct")))
package.path = "./?.x"
print(package.searchers[2]("nope"))
package.cpath = "./?.y"
print(package.searchers[3]("nope"))
print(package.searchers[4]("nope"))
print(package.searchers[4]("a.b"))
