print(5.5 % 2, -5.5 % 2, 5.5 % -2, -5.5 % -2)
print(0.0 % 1, -0.0 % 1, 1 % math.huge, -1 % math.huge, 1 % -math.huge)
print(math.huge % 2 ~= math.huge % 2, 5 % (0/0) ~= 5 % (0/0))
print(math.fmod(-5, 2), math.fmod(5, -2), -5 % 2, 5 % -2)
