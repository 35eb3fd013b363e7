"$LUNAC" -v
echo "status $?"
