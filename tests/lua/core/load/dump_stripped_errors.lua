local function bad() local x = nil return x.y end
local full = load(string.dump(bad))
local stripped = load(string.dump(bad, true))
print(pcall(full))
print(pcall(stripped))
