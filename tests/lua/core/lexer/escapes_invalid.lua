-- invalid escape sequences are compile errors
print(load([[return "\q"]]))
print(load([[return "abc\
def]]))
print(load([[return "unfinished]]))
print(load("return 'x\ny'"))
