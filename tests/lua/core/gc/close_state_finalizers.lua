-- pending finalizers run when the interpreter closes the state
setmetatable({}, {__gc = function() print("finalized at exit") end})
print("main done")
