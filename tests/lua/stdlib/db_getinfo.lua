-- debug.getinfo: every option letter, levels, functions, errors
local function show(t, keys)
  local parts = {}
  for _, k in ipairs(keys) do parts[#parts + 1] = k .. "=" .. tostring(t[k]) end
  print(table.concat(parts, " "))
end
local function target(a, b, ...)
  local info = debug.getinfo(1)
  show(info, {"source", "short_src", "what", "linedefined", "lastlinedefined", "currentline", "nups", "nparams",
              "isvararg", "name", "namewhat", "istailcall", "ftransfer", "ntransfer"})
  print(info.func == target)
  return info
end
target(1, 2)
show(debug.getinfo(print), {"source", "short_src", "what", "linedefined", "lastlinedefined", "currentline", "nups",
                            "nparams", "isvararg", "name", "namewhat"})
show(debug.getinfo(1, "S"), {"source", "short_src", "what", "linedefined", "lastlinedefined"})
show(debug.getinfo(1, "l"), {"currentline", "source"})
show(debug.getinfo(target, "u"), {"nups", "nparams", "isvararg"})
show(debug.getinfo(target, "n"), {"name", "namewhat"})
show(debug.getinfo(target, "t"), {"istailcall"})
print(debug.getinfo(target, "f").func == target)
local lines = debug.getinfo(target, "L").activelines
local sorted = {}
for line, flag in pairs(lines) do sorted[#sorted + 1] = line .. ":" .. tostring(flag) end
table.sort(sorted)
print(table.concat(sorted, " "))
print(debug.getinfo(print, "L").activelines)
print(debug.getinfo(100))
print(debug.getinfo(-1))
print(pcall(debug.getinfo, 1, ">S"))
print(pcall(debug.getinfo, 1, "X"))
print(pcall(debug.getinfo, print, "S!"))
print(pcall(debug.getinfo))
print(pcall(debug.getinfo, "x"))
print(pcall(debug.getinfo, {}))
local function tail() return debug.getinfo(1, "t").istailcall end
local function caller() return tail() end
print(caller())
local function named() return debug.getinfo(1, "n") end
local i = named()
print(i.name, i.namewhat)
local obj = {}
function obj:method() return debug.getinfo(1, "n") end
i = obj:method()
print(i.name, i.namewhat)
function globalfn() return debug.getinfo(1, "n") end
i = globalfn()
print(i.name, i.namewhat)
local f = load("return debug.getinfo(1, 'S')", "=custom")
show(f(), {"source", "short_src", "what"})
f = load("return debug.getinfo(1, 'S')", "@some/file.lua")
show(f(), {"source", "short_src", "what"})
f = load("return debug.getinfo(1, 'S')")
show(f(), {"source", "short_src", "what"})
show(debug.getinfo(1, "S"), {"what"})
print(debug.getinfo(2, "S").what)
-- level 0 is getinfo itself
show(debug.getinfo(0, "Sn"), {"what", "name", "short_src"})
