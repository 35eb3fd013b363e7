-- a function with to-be-closed variables cannot tail call: closing happens after the callee returns
local function callee() io.write("callee runs; ") return "result" end
local function f()
  local x <close> = setmetatable({}, {__close = function() io.write("closed; ") end})
  return callee()
end
print(f())
