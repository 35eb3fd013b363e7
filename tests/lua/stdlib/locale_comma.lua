-- Numbers under a locale whose decimal point is ',' (pt_BR, compiled into the build tree and found
-- through LOCPATH; see tests/CMakeLists.txt): conversions both ways follow the locale, the lexer
-- still reads '.' literals, and going back to "C" restores '.'.
assert(os.setlocale("pt_BR"), "the pt_BR locale is not available (LOCPATH unset or locale not built)")
print(os.setlocale(nil, "numeric"))
print(tonumber("3,5"), tonumber("3.5"), tonumber("  2,25e1  "), tonumber("1,2,3"))
print(3.5, 1e100, -0.0, 2^53, 1/3)
print(string.format("%.2f|%g|%5.1f|%a", 1.25, 2.5, -3.75, 1.0))
print(tostring(0.5), 0.5 .. "", #tostring(12.5))
print(load("return 3.5 + 0.25")(), load("return 10 // 4, 7 / 2")())
print(math.tointeger("8"), "10" + 0.5, "1,5" * 2)
print(string.pack("<d", 1.5) == string.pack("<d", tonumber("1,5")))
print(pcall(load, "return 3,5x"))
os.setlocale("C")
print(os.setlocale(nil, "numeric"), tonumber("3,5"), 3.5, string.format("%.1f", 2.5))
