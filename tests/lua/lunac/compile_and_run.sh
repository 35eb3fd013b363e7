# -o writes a binary chunk that the interpreter runs like the source
"$LUNAC" -o hello.out helpers/hello.lua
echo "lunac status $?"
"$LUNA" hello.out a b
head -c 4 hello.out | od -An -c | tr -s ' '
rm -f hello.out
