local err_obj = {code = 42}
local co = coroutine.create(function() error(err_obj) end)
local ok, e = coroutine.resume(co)
print(ok, e == err_obj, e.code)
local co2 = coroutine.create(function() error() end)
print(coroutine.resume(co2))
