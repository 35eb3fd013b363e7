# -l mod: global mod = require("mod"); the options run in command-line order
export LUA_PATH="helpers/?.lua"
"$LUNA" -l mymod -e 'print(mymod.value, mymod.name)'
"$LUNA" -lmymod -e 'print(type(mymod))'
"$LUNA" -e 'print(type(mymod))' -l mymod
"$LUNA" -l string -e 'print(string == require("string"))'
