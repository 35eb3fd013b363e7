-- levels only add positions to string messages
print(pcall(error, 42, 1))
local ok, e = pcall(error, {1}, 2)
print(ok, type(e), e[1])
print(select("#", pcall(error, nil, 1)))
