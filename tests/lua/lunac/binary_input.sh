# a binary chunk is accepted as input and written again
"$LUNAC" -o once.out helpers/hello.lua
"$LUNAC" -o twice.out once.out
"$LUNA" twice.out
cmp -s once.out twice.out && echo "identical chunks"
rm -f once.out twice.out
