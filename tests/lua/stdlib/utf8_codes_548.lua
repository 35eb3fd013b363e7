-- Behaviour fixed after 5.4.4 (expected output written by hand for 5.4.8): utf8.codes rejects a
-- error messages keep "file.lua:line:" but drop any directory, so the runner's cwd does not matter
local function err(ok, msg) return ok, (tostring(msg):gsub("^.-([%w_]+%.lua:%d+:)", "%1")) end
-- subject starting with a continuation byte, and a character followed by a stray continuation byte.
print(pcall(utf8.codes, "\x80abc"))
print(err(pcall(function() for p, c in utf8.codes("a\x80") do io.write(p, ":", c, " ") end end)))
print(err(pcall(function() for p, c in utf8.codes("ab\xBF", true) do io.write(p, ":", c, " ") end end)))
for p, c in utf8.codes("ok") do io.write(p, ":", c, " ") end print()
