local function outer(x)
  local function helper(y) if y > 10 then return "big" end return "small" end
  if x < 0 then return "negative" end
  return helper(x), helper(x * 10)
end
print(outer(-1)) print(outer(0.5)) print(outer(5))
