# "-" compiles stdin (chunk name "=stdin")
echo 'print("compiled from stdin")' | "$LUNAC" -o stdin.out -
"$LUNA" stdin.out
echo 'error("from stdin chunk")' | "$LUNAC" -o stdin.out -
"$LUNA" stdin.out 2>&1 | head -n 1
rm -f stdin.out
