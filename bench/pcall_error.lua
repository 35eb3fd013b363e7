-- bench: size=730000 growth=linear
-- Protected calls: pcall on success, error with strings and tables, nested
-- pcall, error rethrown, and error with level 0.
local n = tonumber(arg and arg[1]) or 730000

local function may_fail(i)
  if i % 3 == 0 then error("failure " .. i % 10, 0) end
  if i % 3 == 1 then error({ code = i % 7 }) end
  return i % 5
end

local function nested(i)
  local ok, err = pcall(may_fail, i)
  if not ok then
    if type(err) == "table" then error(err) end
    return #err
  end
  return err
end

local successes, failures, codes = 0, 0, 0
for i = 1, n do
  local ok, result = pcall(may_fail, i)
  if ok then successes = successes + result else failures = failures + 1 end
  local ok2, result2 = pcall(nested, i)
  if ok2 then successes = successes + result2 else codes = codes + result2.code end
  if pcall(error) then failures = failures + 1000 end
end
print(string.format("%d %d %d", successes, failures, codes))
