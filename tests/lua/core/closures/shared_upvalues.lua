local function pair()
  local v = 0
  local function get() return v end
  local function set(x) v = x end
  return get, set
end
local get, set = pair()
set(5) print(get())
set("x") print(get())
local a = 1
local function f() return a end
a = 2
print(f())
