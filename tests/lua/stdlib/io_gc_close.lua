-- unreferenced handles are closed (and flushed) by the collector; to-be-closed handles at scope end
local name = os.tmpname()
do
  local f = assert(io.open(name, "w"))
  f:setvbuf("full", 4096)
  f:write("written but not flushed")
end
collectgarbage()
collectgarbage()
local r = assert(io.open(name))
print(r:read("a"))
r:close()
do
  local f <close> = assert(io.open(name, "w"))
  f:write("closed by <close>")
end
print(io.open(name):read("a"))
-- io.lines' fourth value closes the file when the loop is left by break
local closed_early
do
  local it, a, b, file = io.lines(name)
  closed_early = file
  for l in it, a, b, file do break end
end
print(io.type(closed_early))
os.remove(name)
