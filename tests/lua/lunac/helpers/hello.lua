local greeting = "hello from a compiled chunk"
print(greeting, select("#", ...), ...)
