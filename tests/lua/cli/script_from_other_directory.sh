# the chunk name is the path as given
mkdir -p tmp_subdir && printf 'error("where")\n' > tmp_subdir/where.lua
"$LUNA" tmp_subdir/where.lua 2>&1 | head -n 1
"$LUNA" ./tmp_subdir/where.lua 2>&1 | head -n 1
rm -rf tmp_subdir
