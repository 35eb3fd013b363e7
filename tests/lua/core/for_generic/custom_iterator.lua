local function range(n)
  return function(state, control)
    if control < state then return control + 1 end
  end, n, 0
end
for i in range(4) do io.write(i, " ") end print()
local function chars(s)
  local i = 0
  return function() i = i + 1 if i <= #s then return i, s:sub(i, i) end end
end
for i, c in chars("abc") do io.write(i, c, " ") end print()
