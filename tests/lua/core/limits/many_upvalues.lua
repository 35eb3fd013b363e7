-- a function may have up to 255 upvalues
local function program(outer_count, middle_count)
  local lines = {}
  for i = 1, outer_count do lines[#lines + 1] = "local o" .. i .. " = " .. i end
  lines[#lines + 1] = "return function()"
  for i = 1, middle_count do lines[#lines + 1] = "local m" .. i .. " = " .. i end
  local uses = {}
  for i = 1, outer_count do uses[#uses + 1] = "o" .. i end
  for i = 1, middle_count do uses[#uses + 1] = "m" .. i end
  lines[#lines + 1] = "return function() return " .. table.concat(uses, " + ") .. " end end"
  return table.concat(lines, "\n")
end
local f = load(program(150, 105))
print(f and f()()())
print(load(program(150, 106)))
