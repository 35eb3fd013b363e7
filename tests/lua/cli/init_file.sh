# LUA_INIT="@file" runs the file
LUA_INIT='@helpers/init.lua' "$LUNA" -e 'print(init_global)'
LUA_INIT='@helpers/missing_init.lua' "$LUNA" -e 'print("not reached")'
echo "status $?"
