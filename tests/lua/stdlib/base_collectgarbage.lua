-- collectgarbage: every option and its result type
collectgarbage("incremental")  -- the standalone interpreter may start in generational mode
print(collectgarbage())
print(collectgarbage("collect"))
print(math.type(collectgarbage("count")))
print(collectgarbage("count") > 0)
print(collectgarbage("isrunning"))
print(collectgarbage("stop"))
print(collectgarbage("isrunning"))
print(collectgarbage("restart"))
print(collectgarbage("isrunning"))
print(type(collectgarbage("step")))
print(type(collectgarbage("step", 100)))
local finished = false
for _ = 1, 1000 do if collectgarbage("step", 0) then finished = true; break end end
print("a step finished a cycle:", finished)
print(collectgarbage("incremental"))
print(collectgarbage("generational"))
print(collectgarbage("generational"))
print(collectgarbage("incremental", 200, 100, 13))
print(collectgarbage("incremental"))
print(math.type(collectgarbage("setpause", 200)))
print(math.type(collectgarbage("setstepmul", 100)))
print(pcall(collectgarbage, "nope"))
print(pcall(collectgarbage, 1))
print(pcall(collectgarbage, "step", "x"))
-- garbage is actually freed
local weak = setmetatable({}, {__mode = "v"})
weak[1] = {}
collectgarbage()
print("weak entry collected:", weak[1] == nil)
local before = collectgarbage("count")
do local big = {} for i = 1, 10000 do big[i] = {i} end end
collectgarbage()
print("memory returned:", collectgarbage("count") < before + 100)
