local code = [==[
local s = [[inner [=[ nested ]=] text]]
return s
]==]
print(load(code)())
print(#[[

two leading newlines: only the first is skipped]])
