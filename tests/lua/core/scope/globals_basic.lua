g1 = 10
print(g1, _G.g1, _ENV.g1, rawget(_G, "g1"))
_G.g2 = 20
print(g2)
g1 = nil
print(g1, rawget(_G, "g1"))
print(undefined_global)
