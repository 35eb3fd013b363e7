print(-5, - -5, -(-5.0), -0.0, 0.0 == -0.0)
print(-math.mininteger, math.type(-math.mininteger))
print(1/(-0.0) < 0, 1/(0.0) > 0)
local z = 0 print(-z, math.type(-z))
