local function three() return 1, 2, 3 end
print(three(), three())
print((three()))
local t = {three(), three()}
print(#t)
local t2 = {three(), (three())}
print(#t2)
print(three(), "end")
print(#{three(), nil})
