print(load("return [[abc"))
print(load("return [==[abc]=]"))
print(load("x = [=abc"))
print(load("--[[ unfinished"))
