# everything after the script name is an argument, not an option
"$LUNA" helpers/args.lua -v -e 'x' -
