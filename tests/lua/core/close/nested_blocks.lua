local function c(n) return setmetatable({}, {__close = function() io.write("close ", n, "; ") end}) end
do
  local a <close> = c("outer")
  do
    local b <close> = c("inner")
    io.write("in inner; ")
  end
  io.write("between; ")
end
print()
local function loop()
  for i = 1, 2 do
    local x <close> = c("iter" .. i)
    if i == 2 then goto out end
  end
  ::out::
  io.write("after goto; ")
end
loop() print()
