# after "--", a "-" names a file called "-" (lua.c treats it as stdin only when "--" is not right before it)
echo 'print("stdin via - after --")' | "$LUNA" -- -
