local i = 0
while i < 5 do i = i + 1 end
print(i)
local j = 10
repeat j = j - 3 until j < 0
print(j)
-- the until condition sees locals of the body
local n = 0
repeat local done = n >= 3 n = n + 1 until done
print(n)
while true do break end
print("broke")
