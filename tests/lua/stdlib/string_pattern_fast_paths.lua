-- Cases aimed at the matcher's shortcuts: start positions skipped by the first item, runs of a
-- leading '+' item skipped after a failed attempt, backtracking tries ruled out by a following
-- literal, and the class table (upper-case complements, %z, escaped punctuation).
local function show(...)
  local t = table.pack(...)
  for i = 1, t.n do t[i] = tostring(t[i]) end
  print(table.concat(t, " | "))
end

-- leading '+' item: a failed attempt inside a run must not hide a later match
show(("aaab aab ab b"):gsub("a+b", "X"))
show(("xxyxxz"):gsub("x+z", "!"))
show(("aaaa"):find("a+$"))
show(("abab abba"):gsub("[ab]+a", "<%0>"))
-- back references turn run skipping off: the match starts inside a run
show(("aabab"):find("(%a+)%1"))
show(("xyzyz"):match("(%a+)%1"))
show(("aaa-aa"):gsub("(a+)-%1", "[%1]"))
-- captures before the first item, position captures, and a literal after ')'
show(("key12=34;key5=6;"):gsub("key(%d+)=(%d+);", "%2/%1 "))
show(("name=value other=x"):gsub("(%a+)=(%a+)", "%2=%1"))
show(("  word  "):find("()(%a+)()"))
show(("a1b22c333"):gsub("(%d+)", "<%1>"))
-- a following literal that appears inside the run
show(("aXaXaY"):match("^([aX]+)X"))
show(("aaa=a=b"):match("([a=]+)=b"))
-- first items that are sets, escapes and the dot
show(("x[y]z"):gsub("[%[%]]", "!"))
show(("a.b.c"):gsub("%.", "%%"))
show(("hello"):find(".l+"))
show(("THE (quick) fox"):find("%((%a+)%)"))
-- class letters: complements, %z, %x, %p, %c
show(("abAB12"):gsub("%U", "."))
show(("a\0b\0"):gsub("%z", "Z"))
show(("a\0b\0"):gsub("%Z+", "N"))
show(("0x1F g"):gsub("%x+", "#"))
show(("a,b;c!"):gsub("%p", "_"))
show(("a\tb\nc"):gsub("%c", " "))
show(("Mixed Case 42"):gsub("%W+", "/"))
-- gmatch resumes after a skipped run
for a, b in ("aa=1, bbb=22, c=, =4"):gmatch("(%a+)=(%d+)") do io.write(a, ":", b, " ") end
print()
for w in ("one two  three"):gmatch("%a+") do io.write("[", w, "]") end
print()
-- limits: no replacement at all still validates nothing, one replacement stops early
show(pcall(string.gsub, "abc", "[a", "", 0))
show(pcall(string.gsub, "abc", "[a", ""))
show(("aaa bbb"):gsub("%a+", "W", 1))
show(("abc"):find("b", 10))
show(("abc"):find("%a+", -1))
