# -v prints Luna's banner; -i implies -v; -v alone does not read stdin
"$LUNA" -v
echo 'print("not read")' | "$LUNA" -v
"$LUNA" -v -e 'print(_VERSION)'
