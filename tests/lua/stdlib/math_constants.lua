-- constants and library contents
print(math.pi, string.format("%.17g", math.pi))
print(math.huge, -math.huge, math.huge > math.maxinteger, math.type(math.huge))
print(math.maxinteger, math.mininteger, math.maxinteger + 1 == math.mininteger)
print(math.type(math.maxinteger), math.mininteger // -1, math.maxinteger * 2)
-- (5.3 compatibility functions such as math.pow are build options, so only 5.4's own names are listed)
for _, name in ipairs{"abs", "acos", "asin", "atan", "ceil", "cos", "deg", "exp", "floor", "fmod", "huge",
                      "log", "max", "maxinteger", "min", "mininteger", "modf", "pi", "rad", "random",
                      "randomseed", "sin", "sqrt", "tan", "tointeger", "type", "ult"} do
  io.write(name, "=", type(math[name]), " ")
end
print()
