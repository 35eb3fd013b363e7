local function handler(msg)
  local tb = debug.traceback(msg, 2)
  local first, second = tb:match("^([^\n]*)\n([^\n]*)")
  return first .. " | " .. second
end
local function fails() error("deep failure") end
local function middle() fails() end
print(xpcall(middle, handler))
