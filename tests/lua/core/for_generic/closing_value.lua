-- the 4th value of a generic for is a to-be-closed variable
local function iter_with_close(n, tag)
  local closer = setmetatable({}, {__close = function(_, err) print("closed", tag, err) end})
  local i = 0
  return function() i = i + 1 if i <= n then return i end end, nil, nil, closer
end
for i in iter_with_close(2, "normal") do io.write(i, " ") end
for i in iter_with_close(5, "break") do if i == 2 then break end end
local function f() for i in iter_with_close(5, "return") do if i == 3 then return i end end end
print(f())
print(pcall(function() for i in iter_with_close(5, "error") do error("boom", 0) end end))
print(pcall(function() for i in next, {}, nil, 42 do end end))
