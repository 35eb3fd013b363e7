-- errors in finalizers become warnings (off by default), the program goes on
do setmetatable({}, {__gc = function() error("finalizer failed") end}) end
collectgarbage()
print("still running")
warn("@on")
do setmetatable({}, {__gc = function() error("visible failure") end}) end
collectgarbage()
print("done")
