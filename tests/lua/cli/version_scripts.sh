# _VERSION stays "Lua 5.4" for compatibility
"$LUNA" -e 'print(_VERSION)'
