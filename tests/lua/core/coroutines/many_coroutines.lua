local cos = {}
for i = 1, 1000 do cos[i] = coroutine.create(function(x) local y = coroutine.yield(x + i) return y * i end) end
local sum = 0
for i = 1, 1000 do local _, v = coroutine.resume(cos[i], 0) sum = sum + v end
for i = 1, 1000 do local _, v = coroutine.resume(cos[i], 2) sum = sum + v end
print(sum, coroutine.status(cos[1]))
