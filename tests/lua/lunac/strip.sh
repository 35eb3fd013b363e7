# -s drops debug information: smaller chunk, errors without line numbers or names
"$LUNAC" -o full.out helpers/fails.lua
"$LUNAC" -s -o stripped.out helpers/fails.lua
test "$(wc -c < stripped.out)" -lt "$(wc -c < full.out)" && echo "stripped is smaller"
"$LUNA" full.out 2>&1 | head -n 1
"$LUNA" stripped.out 2>&1 | head -n 1
rm -f full.out stripped.out
