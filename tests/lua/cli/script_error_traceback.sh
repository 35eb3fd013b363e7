"$LUNA" helpers/fails.lua
echo "status $?"
