-- Smoke test of Debian's lua-filesystem: reads luaL_Stream from io's FILE* userdata (metatable
-- "FILE*"), directory iterators as userdata with __gc/__close. Output is compared with lua5.4.
local lfs = require "lfs"
local dir = os.tmpname()
os.remove(dir)
-- The directory name is random: print it as <dir>.
local function hide(...)
  local out = table.pack(...)
  for i = 1, out.n do
    if type(out[i]) == "string" then out[i] = out[i]:gsub(dir:gsub("%p", "%%%0"), "<dir>") end
  end
  return table.unpack(out, 1, out.n)
end
print("mkdir", lfs.mkdir(dir))
print("attributes", lfs.attributes(dir, "mode"), lfs.attributes(dir).mode)
local path = dir .. "/file.txt"
local f = assert(io.open(path, "w"))
f:write("0123456789")
print("lock", lfs.lock(f, "w"))
print("unlock", lfs.unlock(f))
f:close()
print("size", lfs.attributes(path, "size"))
print("bad file", pcall(lfs.lock, {}, "w"))
print("closed file", pcall(lfs.lock, f, "w"))
local names = {}
for name in lfs.dir(dir) do names[#names + 1] = name end
table.sort(names)
print("dir", table.concat(names, " "))
do
  local iter, state = lfs.dir(dir)
  print("dir object", type(iter), type(state))
end
collectgarbage()
print("touch", lfs.touch(path, 1000000, 2000000), lfs.attributes(path, "modification"))
print("missing", hide(lfs.attributes(dir .. "/missing")))
print("remove", os.remove(path), lfs.rmdir(dir))
print("gone", hide(lfs.attributes(dir)))
