-- bench: size=20000000 growth=linear lua54-only
-- Lua 5.4 only (skipped for LuaJIT): integer bitwise operators, floor
-- division and 64-bit wrap-around in an xorshift generator and a hash mix.
local n = tonumber(arg and arg[1]) or 20000000
local state = 88172645463325252
local mix = 0
for i = 1, n do
  state = state ~ (state << 13)
  state = state ~ (state >> 7)
  state = state ~ (state << 17)
  mix = (mix * 31 + (state & 0xffff) + i // 3) & 0xffffffff
end
print(string.format("%d %d", state, mix))
