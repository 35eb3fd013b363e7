# LUA_INIT runs before -e and the script, as a chunk named "=LUA_INIT"
LUA_INIT='print("init", select("#", ...)) from_init = 1' "$LUNA" -e 'print(from_init)'
LUA_INIT='error("init failed")' "$LUNA" -e 'print("not reached")'
echo "status $?"
