-- os.date: every accepted conversion on fixed UTC times (the C locale is in effect)
local t = 1700000000  -- 2023-11-14 22:13:20 UTC, a Tuesday
local single = "aAbBcCdDeFgGhHIjmMnprRStTuUVwWxXyYzZ%"
for c in single:gmatch(".") do
  local out = os.date("!%" .. c, t)
  if c == "Z" or c == "z" then out = (#out > 0) and "<zone>" or "" end
  print("%" .. c, out)
end
for _, c in ipairs({"Ec", "EC", "Ex", "EX", "Ey", "EY", "Od", "Oe", "OH", "OI", "Om", "OM", "OS", "Ou", "OU", "OV", "Ow", "OW", "Oy"}) do
  print("%" .. c, os.date("!%" .. c, t))
end
print(os.date("!%Y-%m-%d %H:%M:%S", 0))
print(os.date("!%c", 0))
print(os.date("!plain text without conversions", 0))
print(os.date("!", 0) == "")
print(os.date("!%%%%", 0))
print(os.date("!%H%M%S%%", 86399))
print(os.date("!%j %U %W %V %G %g %u %w", 1704067200))
print(os.date("!%I %p", 43200), os.date("!%I %p", 0))
print(os.date("!a\0b%Y", 0) == "a\0b1970")
print(#os.date("!" .. string.rep("%Y", 100), 0))
