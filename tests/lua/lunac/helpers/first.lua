shared = (shared or 0) + 1
print("first", shared, ...)
