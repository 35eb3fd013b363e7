local t = {}
t[1] = "int" t[1.0] = "float overwrote"
print(t[1])
t[2^53] = "big"
print(t[9007199254740992])
t["1"] = "string one"
print(t[1], t["1"])
t[-0.0] = "neg zero"
print(t[0])
local count = 0 for k in pairs(t) do count = count + 1 end
print(count)
