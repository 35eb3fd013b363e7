local co = coroutine.create(function(...)
  local got = {...}
  while true do
    local a, b = coroutine.yield(#got)
    got = {a, b}
    if a == "stop" then return "stopped" end
  end
end)
print(coroutine.resume(co, 1, 2, 3))
print(coroutine.resume(co, "x"))
print(coroutine.resume(co, "stop", "now"))
print(coroutine.status(co))
