local node = {value = 1}
node.self = node
print(node.self.self.self.value)
local list
for i = 1, 5 do list = {value = i, next = list} end
local out = {}
while list do out[#out + 1] = list.value list = list.next end
print(table.concat(out, ","))
