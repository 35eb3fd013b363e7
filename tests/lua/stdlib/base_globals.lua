-- _G and _VERSION, and the set of base functions
print(_G._G == _G, _VERSION)
local names = {}
for k, v in pairs(_G) do if type(v) == "function" then names[#names + 1] = k end end
table.sort(names)
print(table.concat(names, " "))
local libs = {}
for k, v in pairs(_G) do if type(v) == "table" and k ~= "_G" then libs[#libs + 1] = k end end
table.sort(libs)
print(table.concat(libs, " "))
for _, lib in ipairs(libs) do print(lib, package.loaded[lib] == _G[lib]) end
print(package.loaded._G == _G)
