# without -o the output is luac.out
rm -f luac.out
"$LUNAC" helpers/hello.lua
"$LUNA" luac.out
rm -f luac.out
