"$LUNAC" -o
echo "status $?"
