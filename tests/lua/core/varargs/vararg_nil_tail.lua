local function count(...) return select("#", ...) end
print(count(nil), count(nil, nil), count(1, nil), count(table.unpack({1, nil, 3}, 1, 3)))
local function pass(...) return ... end
print(count(pass(nil, nil, nil)))
print(count(pass()))
