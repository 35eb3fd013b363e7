local obj = {name = "obj"}
function obj:hello(x) return self.name .. " " .. x end
function obj.static(x) return x * 2 end
print(obj:hello("hi"), obj.hello(obj, "there"), obj.static(4))
local s = "text"
print(s:upper(), ("%d"):format(5), s:len())
local a = {b = {c = {}}}
function a.b.c:m() return self == a.b.c end
print(a.b.c:m())
