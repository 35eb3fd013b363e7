print(1 == "1", "1" == 1, nil == false, 0 == false, "" == false)
local t = {} print(t == t, t == {}, print == print)
print(1 ~= 1.0, "a" ~= "a", 2^63 ~= math.maxinteger)
