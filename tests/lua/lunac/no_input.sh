"$LUNAC"
echo "status $?"
"$LUNAC" -s -p
echo "status $?"
