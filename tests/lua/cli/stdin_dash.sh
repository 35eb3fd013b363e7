# "-" runs stdin as the script, with the following arguments
echo 'print("from stdin", ...) print(arg[0])' | "$LUNA" - x y
echo 'print("stdin after -e")' | "$LUNA" -e 'print("e first")' -
echo 'error("stdin error")' | "$LUNA" -
echo "status $?"
