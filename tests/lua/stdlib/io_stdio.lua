-- the standard handles: chaining writes, flushing, methods through io.stdout
print(io.write("a", "b") == io.stdout)
io.write("c"):write("d"):write("\n")
io.stdout:write("via method\n")
print(io.stdout:flush(), io.flush())
print(io.stdout:setvbuf("line"))
io.stdout:write("line buffered\n")
print(io.stdout:setvbuf("full"))
print(io.stderr:write("") == io.stderr)
print(io.read() == nil, io.read("a"), io.read("n"), io.read(0), io.read(5))
print(io.stdin:read("L"))
for l in io.stdin:lines() do print("never", l) end
print(io.type(io.stdin), io.input() == io.stdin, io.output() == io.stdout)
