-- In generational mode an explicit collectgarbage("step", 0) is a complete young collection: young
-- garbage reachable only through weak tables is gone afterwards, however big the (live) heap is.

local keep = {}
for i = 1, 200000 do keep[i] = {i} end   -- a large live heap, so that one small step cannot finish

print(collectgarbage("generational"))

local weak_values = setmetatable({}, {__mode = "v"})
local weak_keys = setmetatable({}, {__mode = "k"})
collectgarbage()   -- everything alive is old now

weak_values[1] = {10}
weak_keys[{}] = true
local survivor = {20}
weak_values[2] = survivor
collectgarbage("step", 0)
print("after one step:", weak_values[1], next(weak_keys), weak_values[2] == survivor)

-- an old weak table touched again (the case of the 5.4 "touched" ages)
weak_values[1] = {30}
collectgarbage("step", 0)
weak_values[3] = {40}
collectgarbage("step", 0)
print("after more steps:", weak_values[1], weak_values[3], weak_values[2] == survivor)

-- a finalizer of young garbage runs at the next young collection
local finalized = false
setmetatable({}, {__gc = function() finalized = true end})
collectgarbage("step", 0)
print("finalized:", finalized)

print(collectgarbage("incremental"))
print(#keep)
