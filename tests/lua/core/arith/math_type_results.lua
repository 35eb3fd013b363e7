print(math.type(1), math.type(1.0), math.type("1"), math.type(nil))
print(math.type(3 // 1), math.type(3.0 // 1), math.type(2^2), math.type(7 % 2.0))
print(math.type(1 << 2), math.type(5 // 2.0))
