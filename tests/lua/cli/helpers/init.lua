-- run through LUA_INIT=@helpers/init.lua
print("init file ran", select("#", ...))
init_global = "set by init file"
