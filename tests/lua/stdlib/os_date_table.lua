-- os.date("*t") / ("!*t"): fields, types, and the round trip through os.time
local function show(t)
  local keys = {}
  for k in pairs(t) do keys[#keys + 1] = k end
  table.sort(keys)
  local parts = {}
  for _, k in ipairs(keys) do parts[#parts + 1] = k .. "=" .. tostring(t[k]) end
  print(table.concat(parts, " "))
end
show(os.date("!*t", 0))
show(os.date("!*t", 1700000000))
show(os.date("!*t", 951782400))  -- 2000-02-29
show(os.date("!*t", -86400))
local now = os.time()
local lt = os.date("*t", now)
print(type(lt.isdst), math.type(lt.year), math.type(lt.yday))
print(os.time(lt) == now)
print(os.date("*t", now).day == tonumber(os.date("%d", now)))
