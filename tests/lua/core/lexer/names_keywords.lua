local _ok, _1, a_b, Abc = 1, 2, 3, 4
print(_ok, _1, a_b, Abc)
local And, NIL, True = "and", "nil", "true"
print(And, NIL, True)
print(load("local and = 1"))
print(load("local goto = 1"))
print(load("local end = 1"))
local t = {["end"] = 1}
print(t["end"])
print(load("x = t.end"))
