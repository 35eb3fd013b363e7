-- a fixed matrix of patterns x subjects through find, match and gsub
local subjects = {"", "a", "abc", "aaa", "a.b", "(x(y)z)", "hello world", "  12 ab3 ", "a\0b", "x=1,y=22"}
local patterns = {
  "", ".", "a", "a*", "a+", "a-", "a?", "^a", "a$", "^$", "%a+", "%d+", "%s*", "%S+", "%w*%d", "[ab]+",
  "[^ab]+", "[a-c]*", "%.", "%((.-)%)", "%b()", "%f[%w]%w+", "%f[%W]", "(a)(b)", "(a*)(.)", "()a()",
  "(.)%1", "([ab])%1*", ".-b", ".*b", "^(%w+)", "(%w+)=(%w+)", "[%z]", "%z", "[%a_][%w_]*", "x*$",
  "(h)(e)(l)(l)(o)", "o w", "[%s%p]", "%x+", "[]]", "[^]]", "%p+", "(%d)(%d?)",
}
for _, p in ipairs(patterns) do
  local row = {}
  for _, s in ipairs(subjects) do
    local f = table.pack(string.find(s, p))
    local m = table.pack(string.match(s, p))
    local g, n = string.gsub(s, p, "<%0>")
    for i = 1, f.n do f[i] = tostring(f[i]) end
    for i = 1, m.n do m[i] = tostring(m[i]) end
    row[#row + 1] = table.concat(f, ",", 1, f.n) .. "|" .. table.concat(m, ",", 1, m.n) .. "|" .. g .. "|" .. n
  end
  print(string.format("%-16s", string.format("%q", p)), (table.concat(row, "  "):gsub("%z", "\\0")))
end
