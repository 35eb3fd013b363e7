-- utf8.codes: iteration, strict and lax, errors
-- error messages keep "file.lua:line:" but drop any directory, so the runner's cwd does not matter
local function err(ok, msg) return ok, (tostring(msg):gsub("^.-([%w_]+%.lua:%d+:)", "%1")) end
for p, c in utf8.codes("aé€😀") do io.write(p, ":", c, " ") end print()
for p, c in utf8.codes("") do io.write(p, c) end print("empty")
for p, c in utf8.codes("\0a\0") do io.write(p, ":", c, " ") end print()
print(err(pcall(function() for p, c in utf8.codes("ab\xffcd") do io.write(p, " ") end end)))
print(err(pcall(function() for p, c in utf8.codes("\xED\xA0\x80") do end end)))
for p, c in utf8.codes("\xED\xA0\x80x", true) do io.write(p, ":", c, " ") end print()
for p, c in utf8.codes("\xF4\x90\x80\x80", true) do io.write(p, ":", c, " ") end print()
print(err(pcall(function() for p, c in utf8.codes("\xF4\x90\x80\x80") do end end)))
print(err(pcall(function() for p, c in utf8.codes("a\xC0\x80") do end end)))
print(err(pcall(function() for p, c in utf8.codes("a\xE2\x82") do io.write(p, " ") end end)))
print(pcall(utf8.codes))
print(pcall(utf8.codes, {}))
local f, s, i = utf8.codes("xy")
print(type(f), s, i, f(s, i))
print(f(s, 1), f(s, 2), f(s, -5))
