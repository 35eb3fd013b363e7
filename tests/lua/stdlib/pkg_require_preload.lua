-- require through package.preload: arguments, results, caching, loaded values
package.preload["mod.a"] = function(...)
  print("loader args:", select("#", ...), ...)
  return {name = "mod.a"}
end
local m, extra = require("mod.a")
print(m.name, extra)
print(require("mod.a") == m, select("#", require("mod.a")))
print(package.loaded["mod.a"] == m)
package.preload.nothing = function() end
print(require("nothing"), package.loaded.nothing)
package.preload.falsy = function() return false end
print(require("falsy"), package.loaded.falsy)
package.preload.sets = function(name) package.loaded[name] = "set by loader" end
print(require("sets"))
package.preload.fails = function() error("loader failed", 0) end
print(pcall(require, "fails"))
print(package.loaded.fails)
package.loaded.manual = "manual"
print(require("manual"))
print(require("string") == string, require("_G") == _G)
print(pcall(require))
print(pcall(require, {}))
print(package.loaded._G == _G, package.loaded.package == package)
