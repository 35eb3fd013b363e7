-- sethook/gethook: call, return, line and count events; per-thread hooks
local events = {}
local function record(event, line) events[#events + 1] = event .. (line and (":" .. line) or "") end
local function work(x) return x + 1 end
debug.sethook(record, "c")
work(1)
debug.sethook()
print(table.concat(events, " "))
events = {}
debug.sethook(record, "r")
work(1)
debug.sethook()
print(table.concat(events, " "))
events = {}
debug.sethook(record, "l")
local y = 1
y = y + 1
debug.sethook()
print(table.concat(events, " "))
local count = 0
debug.sethook(function(ev) count = count + 1 end, "", 10)
for i = 1, 100 do local z = i * 2 end
debug.sethook()
print("count hook fired:", count > 5)
print(debug.gethook())
debug.sethook(record, "crl", 7)
local h, mask, n = debug.gethook()
debug.sethook()
print(h == record, mask, n)
debug.sethook(record, "lc")
h, mask, n = debug.gethook()
debug.sethook()
print(mask, n)
-- tail calls
events = {}
local function tailcallee() return 1 end
local function tailcaller() return tailcallee() end
debug.sethook(function(ev) events[#events + 1] = ev end, "cr")
tailcaller()
debug.sethook()
print(table.concat(events, " "))
-- hook on a coroutine only
local co = coroutine.create(function() local a = 1; a = 2; coroutine.yield(); return a end)
local co_events = 0
debug.sethook(co, function() co_events = co_events + 1 end, "l")
print(debug.gethook(co) ~= nil, debug.gethook())
coroutine.resume(co)
local x = 1
x = x + 1
print("coroutine line events:", co_events > 0)
local _, comask = debug.gethook(co)
print(comask)
debug.sethook(co)
print(debug.gethook(co))
-- the hook sees its caller through getinfo(2)
local seen
debug.sethook(function() if not seen then seen = debug.getinfo(2, "S").what end end, "l")
local w = 1
debug.sethook()
print(seen)
print(pcall(debug.sethook, record))
print(pcall(debug.sethook, 1, "c"))
