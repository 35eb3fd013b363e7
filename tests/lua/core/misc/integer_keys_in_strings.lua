local t = {}
t["10"] = "string key" t[10] = "integer key"
print(t["10"], t[10], t[10.0])
local n = 0 for _ in pairs(t) do n = n + 1 end
print(n)
