local function f() return debug.traceback("msg") end
local function g() return f() .. "" end
local lines = {}
for line in g():gmatch("[^\n]+") do lines[#lines + 1] = line end
print(lines[1], lines[2])
for i = 3, #lines do print((lines[i]:gsub("^%s+", ""))) end
print(debug.traceback(42))
print(debug.traceback(nil) == nil)
print(debug.traceback("lvl", 50))
