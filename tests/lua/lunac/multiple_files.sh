# several files are combined into one main chunk that runs them in order (without arguments)
"$LUNAC" -o combined.out helpers/first.lua helpers/second.lua
echo "status $?"
"$LUNA" combined.out ignored
rm -f combined.out
