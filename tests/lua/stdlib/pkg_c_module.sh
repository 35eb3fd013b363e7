# Loads a C module built here against the repository's lua.h: require, luaopen_ naming, the "-" mark,
# the all-in-one searcher, package.loadlib (including "*"), and errors raised by an open function.
set -e
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cc -shared -fPIC -I../../../engine/include -o "$dir/cmod.so" helpers/pkg/cmod.c
cp "$dir/cmod.so" "$dir/cmod-v2.so"
cp "$dir/cmod.so" "$dir/v1-cmod.so"
LUA_CPATH="$dir/?.so" "$LUNA" -e '
local m = require("cmod")
print(m.add(2, 3), m.name, m.has_file)
print(select(2, require("cmod")) == nil, package.loaded.cmod == m)
print(require("cmod.sub"))
print(require("cmod-v2").name)
print(require("v1-cmod").name)
local ok, err = pcall(require, "cmod.bad")
print(ok, err)
print(pcall(require, "cmod.none"))
local dirname = package.cpath:match("^(.*)/%?%.so$")
local add = package.loadlib(dirname .. "/cmod.so", "luaopen_cmod")
print(type(add), add().add(40, 2))
print(package.loadlib(dirname .. "/cmod.so", "*"))
local f, msg, where = package.loadlib(dirname .. "/cmod.so", "no_such_symbol")
print(f, msg:find("no_such_symbol", 1, true) ~= nil, where)
' 2>&1 | sed "s#$dir#DIR#g"
