-- coroutine.close runs the pending __close handlers of a suspended coroutine without the message
-- handler of an xpcall that was active when it yielded (5.4.8: that frame is being thrown away).

local function closing(action)
  return setmetatable({}, {__close = action})
end

-- an error raised by a __close handler during close is returned as is, not "error in error handling"
do
  local co = coroutine.create(function()
    local guard <close> = closing(function() error(134) end)
    xpcall(coroutine.yield, function() return "handler ran" end)
  end)
  print(coroutine.resume(co))
  print(coroutine.close(co))
  print(coroutine.status(co))
end

-- same with a string error: no position is lost or added by a stale handler
do
  local co = coroutine.create(function()
    local guard <close> = closing(function() error("boom", 0) end)
    xpcall(coroutine.yield, function(m) return "handled: " .. tostring(m) end, 1, 2)
  end)
  print(coroutine.resume(co))
  print(coroutine.close(co))
end

-- the handler is still used for errors raised while the xpcall is alive
do
  local co = coroutine.create(function()
    local ok, msg = xpcall(function()
      coroutine.yield("inside")
      error("late", 0)
    end, function(m) return "handled: " .. m end)
    coroutine.yield(ok, msg)
    return "done"
  end)
  print(coroutine.resume(co))
  print(coroutine.resume(co))
  print(coroutine.resume(co))
  print(coroutine.close(co))
end

-- nested: two xpcalls with handlers, two closing variables; the last error wins
do
  local log = {}
  local co = coroutine.create(function()
    local a <close> = closing(function(_, e) log[#log + 1] = "a:" .. tostring(e); error("from a", 0) end)
    xpcall(function()
      local b <close> = closing(function(_, e) log[#log + 1] = "b:" .. tostring(e); error("from b", 0) end)
      xpcall(coroutine.yield, function() return "inner handler" end)
    end, function() return "outer handler" end)
  end)
  coroutine.resume(co)
  print(coroutine.close(co))
  print(table.concat(log, " "))
end

-- closing a coroutine whose handlers never fail
do
  local co = coroutine.create(function()
    local guard <close> = closing(function() print("closed quietly") end)
    xpcall(coroutine.yield, error)
  end)
  coroutine.resume(co)
  print(coroutine.close(co))
end
