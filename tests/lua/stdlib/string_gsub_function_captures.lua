-- replacement functions receive every capture, including position captures
print(string.gsub("abc", "()(.)()", function(p1, c, p2) return p1 .. c .. p2 end))
print(string.gsub("key=val; k2=v2", "(%w+)=(%w+)", function(k, v) return v:upper() .. "=" .. k end))
print(string.gsub("x", "x", function(...) return select('#', ...) end))
print(string.gsub("xy", "(x)(y)", function(...) return select('#', ...) end))
print(string.gsub("abc", "%w", function(c) return c == "b" and 42 or nil end))
print(string.gsub("abc", "%w", function(c) return c == "b" and 1.5 or false end))
print(string.gsub("hello", "(l)(l)", {l = "L"}))
print(string.gsub("hello", "()ll", {[3] = "THREE"}))
print(string.gsub("a1b2", "%d", {["1"] = "one", ["2"] = 2}))
local seen = {}
string.gsub("one two three", "%a+", function(w) seen[#seen + 1] = w end)
print(table.concat(seen, "|"))
local depth = 0
local function nested(s)
  depth = depth + 1
  return (string.gsub(s, "%((.-)%)", function(inner) return "[" .. nested(inner) .. "]" end))
end
print(nested("a(b)c(d)"), depth)
print(pcall(string.gsub, "abc", "b", function() return string.gsub("x", "(", "") end))
print(string.gsub("abc", ".", {a = true and "A"}, 2))
