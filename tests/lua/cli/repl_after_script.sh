# -i after a script: the script runs first, its globals are visible in the REPL
printf 'init_global\n' | LUA_INIT='@helpers/init.lua' "$LUNA" -i helpers/args.lua a 2>&1 | tail -n +2
