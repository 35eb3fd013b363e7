local function inner() return debug.traceback("tb", 1) end
local function middle() return inner() end
local tb = middle()
for line in tb:gmatch("[^\n]+") do
  if line:find("tail call") or line == "tb" then print((line:gsub("^%s+", ""))) end
end
