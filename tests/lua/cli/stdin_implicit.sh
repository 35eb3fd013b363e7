# no script and stdin not a terminal: stdin is run as a script (chunk name "=stdin")
printf 'print("implicit stdin")\nprint(select("#", ...))\n' | "$LUNA"
printf 'local x = \n' | "$LUNA"
echo "status $?"
# with -e (or -v) and no script, stdin is not read
echo 'print("not read")' | "$LUNA" -e 'print("only -e")'
