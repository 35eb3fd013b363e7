-- Vararg functions entered by CALL and TAILCALL: extra arguments, missing fixed parameters,
-- deep tail recursion with varargs, frames that grow the stack, and call/return hooks.
local function count(...) return select("#", ...) end
local function fixed_and_extra(a, b, ...) return a, b, select("#", ...), ... end
local function forward(f, ...) return f(...) end
local function deep(n, ...)
  if n == 0 then return select("#", ...), ... end
  return deep(n - 1, ...)
end
print(count(), count(nil), count(1, nil, 3), count(nil, nil))
print(fixed_and_extra())
print(fixed_and_extra(1))
print(fixed_and_extra(1, 2, 3, 4))
print(forward(count, 1, 2), forward(fixed_and_extra, "x"))
print(deep(20000, "a", "b"))
local list = {}
for i = 1, 250 do list[i] = i end
print(forward(count, table.unpack(list)))
print(select(-1, forward(function(...) return ... end, table.unpack(list))))
local function grow(n, ...)
  local a, b, c, d, e, f, g, h = ...
  if n == 0 then return count(...) end
  return (grow(n - 1, n, a, b, c, d, e, f, g, h))
end
print(grow(3000))
local events = {}
debug.sethook(function(ev) events[ev] = (events[ev] or 0) + 1 end, "cr")
local r1, r2 = forward(count, 1, 2, 3), deep(3, 1)
debug.sethook()
print(r1, r2, events.call > 0, events["tail call"] > 0, events["return"] > 0)
