export LUA_PATH="./?.lua" LUA_CPATH="./?.so"
"$LUNA" -l no_such_module -e 'print("not reached")'
echo "status $?"
