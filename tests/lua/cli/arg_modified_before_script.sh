# the script's varargs are read from the global 'arg' after -e ran
"$LUNA" -e 'arg = {"replaced", "args"}' helpers/args.lua original
"$LUNA" -e 'arg = nil' helpers/args.lua original
echo "status $?"
