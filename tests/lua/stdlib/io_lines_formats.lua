-- lines with several formats per step, numbers, counts and "L"
local name = os.tmpname()
local f = assert(io.open(name, "w"))
f:write("10 20\n30 40\nword\n")
f:close()
for a, b in io.lines(name, "n", "n") do print("numbers", a, b) end
for a, b, c in io.lines(name, 2, "l", "L") do print("mixed", a, b, c) end
for a in io.lines(name, 5) do io.write("[", a, "]") end
print()
for l in io.lines(name, "L") do io.write(l) end
for l in io.lines(name, "*L") do io.write(l) end
for l in io.lines(name, "*l") do io.write(l, "|") end
print()
print(type(io.lines(name, "x")))  -- formats are checked when reading
local ok, err = pcall(function() for l in io.lines(name, "x") do end end)
print(ok, err)
f = assert(io.open(name))
local it = f:lines("n")
print(it(), it(), it(), it(), it())
print(f:read("a"))
f:close()
os.remove(name)
