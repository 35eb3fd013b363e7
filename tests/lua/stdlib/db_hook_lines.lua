-- line hooks report each new line once per execution; hooks see the running function via getinfo(2)
local lines = {}
local function hook(event, line)
  local info = debug.getinfo(2, "S")
  if info.short_src == "db_hook_lines.lua" then lines[#lines + 1] = line end
end
local function body()
  local s = 0
  for i = 1, 3 do
    s = s + i
  end
  return s
end
debug.sethook(hook, "l")
body()
debug.sethook()
print(table.concat(lines, " "))
-- call/return events carry no line
local events = {}
debug.sethook(function(event, line) events[#events + 1] = event .. "/" .. tostring(line) end, "cr")
body()
debug.sethook()
print(table.concat(events, " "))
-- a count hook with a line mask
local counts, line_events = 0, 0
debug.sethook(function(event) if event == "count" then counts = counts + 1 else line_events = line_events + 1 end end, "l", 1)
body()
debug.sethook()
print(counts > 0, line_events > 0)
-- errors inside hooks propagate
print(pcall(function()
  debug.sethook(function() debug.sethook(); error("hook error", 0) end, "l")
  local x = 1
end))
debug.sethook()
print(debug.gethook())
