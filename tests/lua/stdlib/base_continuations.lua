-- base functions that call Lua code keep working when that code yields (continuations)
local name = os.tmpname()
local file = assert(io.open(name, "w"))
file:write("local a = coroutine.yield('from dofile') return a, 'second'")
file:close()
local co = coroutine.wrap(function() return "dofile returned", dofile(name) end)
print(co())
print(co("resumed value"))
os.remove(name)
-- __pairs may yield
local t = setmetatable({}, {__pairs = function(self)
  local got = coroutine.yield("inside __pairs")
  return function(_, k) if not k then return 1, got end end, self, nil
end})
local co2 = coroutine.wrap(function() for k, v in pairs(t) do return k, v end end)
print(co2())
print(co2("yielded into pairs"))
-- __pairs returning fewer than three values is padded with nil
local short = setmetatable({}, {__pairs = function() return function() return nil end end})
print(select("#", pairs(short)), select(2, pairs(short)))
-- pcall and xpcall across yields keep their results
local co3 = coroutine.wrap(function()
  local r1 = table.pack(pcall(function() return coroutine.yield("p") end))
  local r2 = table.pack(xpcall(function() return coroutine.yield("x") end, print))
  local r3 = table.pack(pcall(function() coroutine.yield("e") error("late", 0) end))
  local r4 = table.pack(xpcall(function() coroutine.yield("h") error("late2", 0) end, function(m) return "H:" .. m end))
  return r1[1], r1[2], r2[1], r2[2], r3[1], r3[2], r4[1], r4[2]
end)
print(co3())
print(co3(1))
print(co3(2))
print(co3())
print(co3())
-- a reader function for load cannot yield
local co4 = coroutine.create(function() return load(function() coroutine.yield() end) end)
print(coroutine.resume(co4))
-- a metamethod called by tostring/print may not yield either
local co5 = coroutine.create(function() return tostring(setmetatable({}, {__tostring = function() coroutine.yield() return "x" end})) end)
print(coroutine.resume(co5))
