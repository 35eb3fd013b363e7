-- module loaded by `-l mymod-v2` (Lua 5.4.8: global name without the "-v2" suffix)
return {value = "versioned module"}
