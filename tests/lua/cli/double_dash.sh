# "--" ends the options: what follows is the script and its arguments, even if it looks like an option
"$LUNA" -- helpers/args.lua -e 'print(1)'
"$LUNA" -e 'print("e ran")' -- helpers/args.lua --
echo 'print("stdin after --")' | "$LUNA" --
