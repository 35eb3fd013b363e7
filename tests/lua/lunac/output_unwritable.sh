"$LUNAC" -o no_such_dir/out.luac helpers/hello.lua
echo "status $?"
