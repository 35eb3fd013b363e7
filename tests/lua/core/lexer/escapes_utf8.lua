-- \u{XXX} escapes encode UTF-8, up to 2^31
local function bytes(s) local t = {} for i = 1, #s do t[#t+1] = s:byte(i) end return table.concat(t, " ") end
print(bytes("\u{41}"), bytes("\u{7FF}"), bytes("\u{800}"))
print(bytes("\u{FFFF}"), bytes("\u{10FFFF}"))
print(bytes("\u{7FFFFFFF}"))
print(bytes("\u{0000000041}"))
print(load([[return "\u{80000000}"]]))
print(load([[return "\u{}"]]))
print(load([[return "\u41"]]))
