"$LUNA" -e
echo "status $?"
"$LUNA" -l -e 'print(1)'
echo "status $?"
