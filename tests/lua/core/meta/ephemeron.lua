-- a weak-keyed entry whose value refers to its own key is collected (ephemeron)
local e = setmetatable({}, {__mode = "k"})
do local k = {} e[k] = {ref = k} end
collectgarbage() collectgarbage()
print(next(e))
local strong = {}
e[strong] = {ref = strong}
collectgarbage()
print(e[strong].ref == strong)
