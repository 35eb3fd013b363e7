# LUA_INIT_5_4 takes precedence over LUA_INIT
LUA_INIT_5_4='print("versioned")' LUA_INIT='print("plain")' "$LUNA" -e ''
LUA_INIT='print("plain only")' "$LUNA" -e ''
LUA_INIT_5_4='error("v")' "$LUNA" -e ''
echo "status $?"
