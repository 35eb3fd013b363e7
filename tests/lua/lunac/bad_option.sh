"$LUNAC" -x helpers/hello.lua
echo "status $?"
