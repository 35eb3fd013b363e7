# -l g=mod: global g = require("mod")
export LUA_PATH="helpers/?.lua"
"$LUNA" -l m=mymod -e 'print(m.value, mymod)'
"$LUNA" -l s=string -e 'print(s.rep("ab", 2))'
