-- bench: size=1100000 growth=linear
-- table.insert / table.remove: stack pushes and pops at the end, inserts and
-- removes at the front and middle of short lists, and '#' on growing arrays.
local n = tonumber(arg and arg[1]) or 1100000
local insert, remove = table.insert, table.remove

local stack = {}
for i = 1, n do insert(stack, i) end
local popped = 0
while #stack > 0 do popped = (popped + remove(stack)) % 1000003 end

local appended = {}
for i = 1, n do appended[#appended + 1] = i * 2 end
local length = #appended

local front = 0
for round = 1, n / 100 do
  local list = {}
  for i = 1, 50 do insert(list, 1, i + round) end
  for i = 1, 20 do insert(list, 10, i) end
  while #list > 30 do front = front + remove(list, 1) end
  front = (front + remove(list, 5) + remove(list)) % 1000003
end

local queue = {}
for i = 1, n / 4 do
  insert(queue, i)
  if #queue > 64 then remove(queue, 1) end
end

print(string.format("%d %d %d %d %d", popped, length, front, #queue, queue[1]))
