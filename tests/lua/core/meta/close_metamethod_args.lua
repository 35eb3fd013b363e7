local got = {}
do
  local x <close> = setmetatable({}, {__close = function(obj, err, extra)
    got = {type(obj), err, extra} end})
end
print(got[1], got[2], got[3])
