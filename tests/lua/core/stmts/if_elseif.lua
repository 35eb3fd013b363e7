local function classify(n)
  if n < 0 then return "neg" elseif n == 0 then return "zero" elseif n < 10 then return "small" else return "big" end
end
print(classify(-1), classify(0), classify(5), classify(50))
if nil then print("no") end
if false then print("no") else print("else") end
if 0 then print("0 is true") end
if "" then print("empty string is true") end
