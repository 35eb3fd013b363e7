local co = coroutine.create(function() local function inner() coroutine.yield() end inner() end)
coroutine.resume(co)
local tb = debug.traceback(co)
for line in tb:gmatch("[^\n]+") do print((line:gsub("^%s+", ""))) end
print(debug.traceback(co, "message"):match("^[^\n]*"))
