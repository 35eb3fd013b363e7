local k1, k2 = {}, {}
local t = {[k1] = "one", [k2] = "two"}
print(t[k1], t[k2], t[{}])
local f = function() end
t[f] = "function key" t[true] = "true key" t[false] = "false key"
print(t[f], t[true], t[false])
