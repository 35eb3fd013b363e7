print(pcall(function() local x <close> = {} end))
print(pcall(function() local x <close> = 42 end))
print(load("local a <close>, b <close> = 1, 2"))
print(load("local a <close> = 1; a = 2"))
