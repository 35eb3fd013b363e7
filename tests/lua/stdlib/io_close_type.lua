-- close, io.type, tostring of handles, standard files, __close and __gc
local f = assert(io.tmpfile())
print(io.type(f), io.type(io.stdin), io.type(io.stdout), io.type(io.stderr))
print(io.type(42), io.type(nil), io.type({}), pcall(io.type))
print((tostring(f):gsub("0x%x+", "ADDR"):gsub("%(%x+%)", "(ADDR)")))
print(f:close())
print(io.type(f), tostring(f))
print(pcall(f.close, f))
print(pcall(f.write, f, "x"))
print(pcall(f.read, f))
print(pcall(f.lines, f))
print(io.stdout:close())
print(io.stderr:close())
print(io.type(io.stdout))
print(pcall(io.close, 1))
print(pcall(f.read))
print(pcall(io.stdout.write, {}, "x"))
local mt = getmetatable(f)
print(mt.__name, type(mt.__gc), type(mt.__close), type(mt.__tostring), type(mt.__index))
local methods = {}
for k in pairs(mt.__index) do methods[#methods + 1] = k end
table.sort(methods)
print(table.concat(methods, " "))
do
  local g <close> = assert(io.tmpfile())
  f = g
end
print("after scope:", io.type(f))
local h = assert(io.tmpfile())
getmetatable(h).__gc(h)
print("after __gc:", io.type(h))
getmetatable(h).__gc(h)
print(pcall(getmetatable(h).__gc, 1))
