local t = {1, 2, 3, x = "x", ["y z"] = "yz", [10] = 10, 4}
print(#t, t[4], t.x, t["y z"], t[10])
local n = {[1] = "a", "b"}
print(n[1])
local trailing = {1, 2, 3,}
local semi = {1; 2; 3}
print(#trailing, #semi)
local nested = {{1, {2}}, k = {v = {w = "deep"}}}
print(nested[1][2][1], nested.k.v.w)
