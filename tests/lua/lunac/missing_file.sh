"$LUNAC" -o never.out no_such_file.lua
echo "status $?"
