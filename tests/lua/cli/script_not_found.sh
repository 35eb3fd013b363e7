"$LUNA" no_such_script.lua
echo "status $?"
