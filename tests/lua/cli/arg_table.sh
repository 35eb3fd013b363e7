# arg[0] is the script, arguments at 1.., interpreter and options at negative indices
"$LUNA" helpers/args.lua a "b c" ""
"$LUNA" -e 'y=1' -W helpers/args.lua x
