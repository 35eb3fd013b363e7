-- tostring(number) and number keys are distinct table keys
local t = {[1] = "int", ["1"] = "str", [1.5] = "float", ["1.5"] = "fstr"}
print(t[1], t["1"], t[1.5], t["1.5"], t[tonumber("1")], t[tostring(1)])
