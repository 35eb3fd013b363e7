-- I/O errors return fail, message, errno
local name = os.tmpname()
local w = assert(io.open(name, "w"))
print(w:read("l"))
print(w:read("a"))
w:close()
local r = assert(io.open(name, "r"))
print(r:write("x"))
print(r:write("x") == nil)
local ok, msg, code = r:write(1, 2.5)
print(ok, msg, code)
r:close()
print(io.open(name, "r"):read("a") == "")
-- a directory opens for reading on Linux but cannot be read
local d = io.open("/", "r")
if d then print(d:read("l")) print(d:read(1)) d:close() end
-- lines iterator reports read errors as Lua errors
local dd = io.open("/", "r")
print(pcall(dd:lines()))
dd:close()
os.remove(name)
print(io.lines == io.lines, pcall(io.read, "x"))
