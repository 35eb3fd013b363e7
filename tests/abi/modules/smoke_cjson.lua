-- Smoke test of Debian's lua-cjson (uses luaL_Buffer-like strbufs over lua_getallocf, userdata
-- config, lua_next traversal). Output is compared with Debian's lua5.4.
local cjson = require "cjson"
print("encode array", cjson.encode({1, 2, "three", true, false}))
print("encode nested", cjson.encode({list = {1, {2, {3}}}}))
print("encode escapes", cjson.encode("quote\" backslash\\ newline\n tab\t"))
local decoded = cjson.decode('{"a": [1, 2.5, "x", null, true], "b": {"c": "d"}}')
print("decode", #decoded.a, decoded.a[2], decoded.a[3], decoded.a[4] == cjson.null, decoded.b.c)
print("integers", cjson.encode({math.maxinteger}), math.type(cjson.decode("3")))
print("roundtrip", cjson.decode(cjson.encode({k = "v"})).k)
print("bad json", pcall(cjson.decode, "{bad"))
print("bad value", pcall(cjson.encode, {f = print}))
print("sparse", pcall(cjson.encode, {[1] = 1, [1000] = 2}))
local big = {}
for i = 1, 5000 do big[i] = {id = i, name = "item" .. i} end
local text = cjson.encode(big)
print("big", #text, #cjson.decode(text), cjson.decode(text)[4321].name)
local safe = cjson.new()
print("instance", safe.encode({1}), safe ~= cjson)
