"$LUNA" -e 'x ='
echo "status $?"
"$LUNA" -e 'for'
echo "status $?"
