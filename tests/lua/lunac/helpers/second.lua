shared = shared + 1
print("second", shared)
