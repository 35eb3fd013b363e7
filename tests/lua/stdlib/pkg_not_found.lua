-- the "module not found" message lists every searcher's attempts in order
package.path = "./?.lua;/nonexistent/?/init.lua"
package.cpath = "./?.so;/nonexistent/lib?.so"
print(select(2, pcall(require, "no.such.mod")))
package.path = ""
package.cpath = ""
print(select(2, pcall(require, "empty")))
package.path = 1
print(select(2, pcall(require, "badpath")))
package.path = {}
print(select(2, pcall(require, "badpath2")))
package.path = "./?.lua"
package.cpath = nil
print(select(2, pcall(require, "badcpath")))
package.cpath = "./?.so"
local saved = package.searchers
package.searchers = nil
print(select(2, pcall(require, "nosearchers")))
package.searchers = {}
print(select(2, pcall(require, "nosearchers2")))
package.searchers = {function(name) return nil end, function(name) return "\n\tcustom message for " .. name end,
                     function() return 42 end}
print(select(2, pcall(require, "custom")))
package.searchers = saved
