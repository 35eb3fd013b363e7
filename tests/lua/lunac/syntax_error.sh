"$LUNAC" -o never.out helpers/bad.lua
echo "status $? output exists: $(test -e never.out && echo yes || echo no)"
