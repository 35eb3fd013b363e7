-- \z skips following whitespace including newlines
local s = "abc\z
           def\z   ghi"
print(s)
print("a\z

      b")
-- a backslash-newline inserts a newline
local t = "x\
y"
print(#t, t:byte(2))
