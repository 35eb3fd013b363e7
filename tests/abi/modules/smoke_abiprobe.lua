-- Drives the abiprobe module (abiprobe.c, built against Luna's headers); compared between
-- Debian's lua5.4 and luna.
local probe = require "abiprobe"
print("version", probe.version_num, probe.placeholder)

local function show(t)
  local keys = {}
  for k in pairs(t) do keys[#keys + 1] = k end
  table.sort(keys)
  local parts = {}
  for _, k in ipairs(keys) do parts[#parts + 1] = k .. "=" .. tostring(t[k]) end
  return table.concat(parts, " ")
end

local function named(a, b, ...)
  return probe.debuginfo(1)
end
print("lua function", show(named()))
print("main chunk", show(probe.debuginfo(1) or {}))
print("C level", show(probe.debuginfo(0)))
print("no level", probe.debuginfo(100))
local function tail() return probe.debuginfo(1) end
local function calls_tail() return tail() end
print("tail call", show(calls_tail()))
local t = {method = function(self) return probe.debuginfo(1) end}
print("method", show(t:method()))
print("transfer", probe.transfer(function() return 1, 2, 3 end))

print("buffer small", probe.buffer(5, "xyz"))
local s, n = probe.buffer(5000, string.rep("long", 300))
print("buffer large", #s, n, s:sub(1, 30), s:sub(-12))
print("buffer empty", probe.buffer(0, "!"))

print("stream stdout", probe.stream(io.stdout))
local f = io.tmpfile()
print("stream tmpfile", probe.stream(f))
f:close()
print("stream closed", probe.stream(f))
print("stream bad", pcall(probe.stream, {}))

print("extraspace", probe.extraspace())
local c = probe.counter(10, 5, "tag")
c()
print("upvalues", c())
print("registry", probe.registry())
print("stack", probe.stack())
