-- pcall/xpcall: results, handlers, extra arguments, nesting
print(pcall(function(...) return ... end, 1, 2, 3))
print(pcall(function() end))
print(pcall(pcall))
print(pcall(error))
print(pcall(nil))
print(xpcall(function(a, b) return a + b end, print, 3, 4))
print(xpcall(function() error("bad") end, function(m) return "handled: " .. m end))
print(xpcall(function() error({}) end, function(m) return type(m) end))
print(pcall(xpcall, function() end))
print(xpcall(function() local x = nil; return x.y end, function(m) return (m:gsub("^.-:%d+: ", "")) end))
-- handler that errors itself
print(xpcall(function() error("a") end, function(m) error("b") end))
-- nested
print(pcall(pcall, error, "inner"))
local co = coroutine.wrap(function()
  print(pcall(function() coroutine.yield(1); error("after yield") end))
  return "done"
end)
print(co())
print(co())
