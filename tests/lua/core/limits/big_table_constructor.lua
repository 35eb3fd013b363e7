local parts = {"return {"}
for i = 1, 1000 do parts[#parts + 1] = i .. "," end
for i = 1, 100 do parts[#parts + 1] = "k" .. i .. " = " .. i .. "," end
parts[#parts + 1] = "}"
local t = load(table.concat(parts))()
print(#t, t[1000], t.k100)
local function many() return 1, 2, 3 end
local mixed = {many(), many(), x = 1, many()}
print(#mixed, mixed[5])
