-- a label at the end of a block is outside the scope of locals declared before it
local f = load("do goto e; local x = 1 ::e:: end return 'ok'")
print(f and f())
local g = load("goto e; local x = 1 ::e::")
print(g ~= nil)
local h = load("do goto e local a ::e:: ; end return 'semicolon ok'")
print(h and h())
