"$LUNA" -x
echo "status $?"
"$LUNA" --bogus
echo "status $?"
"$LUNA" -vx
echo "status $?"
