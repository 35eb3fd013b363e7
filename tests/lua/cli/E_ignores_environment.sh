# -E: LUA_INIT* are not run and LUA_PATH/LUA_CPATH are ignored (registry LUA_NOENV)
export LUA_INIT='print("init ran")' LUA_PATH="custom/?.lua" LUA_CPATH="custom/?.so"
"$LUNA" -E -e 'print(package.path ~= "custom/?.lua", package.cpath ~= "custom/?.so")'
"$LUNA" -e 'print(package.path, package.cpath)'
"$LUNA" -E -e 'print(debug.getregistry().LUA_NOENV)'
