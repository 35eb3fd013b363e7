local fns = {}
local function make(n)
  local x = n
  fns[#fns + 1] = function() x = x * 2 return x end
  fns[#fns + 1] = function() return x end
end
make(3) make(5)
print(fns[1](), fns[2](), fns[3](), fns[4](), fns[1](), fns[2]())
