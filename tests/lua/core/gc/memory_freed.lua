collectgarbage()
local before = collectgarbage("count")
do local big = {} for i = 1, 100000 do big[i] = {i} end end
collectgarbage() collectgarbage()
local after = collectgarbage("count")
print(after - before < 1000)
