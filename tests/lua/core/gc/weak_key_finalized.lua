-- resurrected objects are removed from weak values before finalizers run, from weak keys after
local wk = setmetatable({}, {__mode = "k"})
local wv = setmetatable({}, {__mode = "v"})
local seen
do
  local obj = setmetatable({}, {__gc = function(o) seen = {wk[o], wv[1] == o} end})
  wk[obj] = "key entry" wv[1] = obj
end
collectgarbage() collectgarbage()
print(seen[1], seen[2])
