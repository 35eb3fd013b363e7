-- io.lines and file:lines: formats, closing behaviour, errors
local name = os.tmpname()
local f = assert(io.open(name, "w"))
f:write("a\nbb\n\nccc\n1 2\n3 4\nlast")
f:close()
for l in io.lines(name) do print("[" .. l .. "]") end
for l in io.lines(name, "L") do io.write("<", l, ">") end
print()
for a, b in io.lines(name, 1, 1) do print(a, b) end
for n in io.lines(name, "n") do print(n) end
local count = 0
for chunk in io.lines(name, "a") do count = count + 1; if count > 3 then break end; print(#chunk) end
f = assert(io.open(name))
for l in f:lines() do if l == "" then break end print("method", l) end
print("after break:", f:read())
for a, b in f:lines("n", "n") do print("pairs", a, b) end
print(io.type(f))
f:close()
local it = io.lines(name)
print(it(), it())
f = assert(io.open(name))
local fit = f:lines()
f:close()
print(pcall(fit))
print(pcall(io.lines, "/nonexistent/file"))
print(pcall(f.lines, f))
local args = {}
for i = 1, 251 do args[i] = "l" end
print(pcall(io.lines, name, table.unpack(args)))
-- io.lines returns 4 values: iterator, nil, nil, file
print(select("#", io.lines(name)))
local _, s, c, file = io.lines(name)
print(s, c, io.type(file))
-- the file is closed at the end of the loop
local last
for l, _ in io.lines(name) do last = l end
print("last line:", last)
-- io.lines without a file name reads the default input
io.input(name)
local n = 0
for l in io.lines() do n = n + 1 end
print("lines from default input:", n)
print(io.type(io.input()))
io.input():close()
print(pcall(io.lines))
io.input(io.stdin)
os.remove(name)
