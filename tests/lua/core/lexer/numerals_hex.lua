print(0x10, 0XfF, 0xabcdef, 0x0)
print(0x7fffffffffffffff, 0xffffffffffffffff, 0x8000000000000000)
print(0x10000000000000000, 0x1ffffffffffffffff)
print(math.type(0xffffffffffffffffff))
