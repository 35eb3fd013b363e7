# -p only checks syntax: no output file
rm -f luac.out
"$LUNAC" -p helpers/hello.lua helpers/first.lua
echo "status $? output exists: $(test -e luac.out && echo yes || echo no)"
"$LUNAC" -p helpers/hello.lua helpers/bad.lua
echo "status $?"
