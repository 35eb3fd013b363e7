-- long comments of several levels
--[[ a comment
print("not printed")
]]
print("after 1")
--[==[
]] still comment
]==] print("after 2")
---[[ this is a line comment
print("after 3")
--]]
print("done")
