# Lua 5.4.8: -l mod-v2 loads "mod-v2" into the global "mod" (the part before '-')
export LUA_PATH="helpers/?.lua"
"$LUNA" -l mymod-v2 -e 'print(mymod.value, rawget(_G, "mymod-v2"))'
