# -e chunks run in order, before the script; the text may be glued to the option
"$LUNA" -e 'print(1)' -e 'print(2)' -e'print(3)'
"$LUNA" -e 'x = 10' -e 'print(x * 2)'
"$LUNA" -e 'print(...)' ; echo "status $?"
