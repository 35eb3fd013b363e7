# debug.debug reads commands from stdin until "cont" (prompt and errors go to stderr)
printf 'print("from prompt")\nerror("oops")\nx = 42\ncont\nprint("not run")\n' | "$LUNA" -e 'debug.debug() print("after", x)' 2>&1
printf 'print(1 +)\n' | "$LUNA" -e 'debug.debug() print("eof ends it")' 2>&1
