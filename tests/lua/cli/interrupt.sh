# SIGINT while a chunk runs raises "interrupted!" in it (first line of the report)
"$LUNA" -e 'for i = 1, 2^40 do end print("not interrupted")' 2>err.txt &
pid=$!
sleep 1
kill -INT $pid
wait $pid
echo "status $?"
head -n 1 err.txt
rm -f err.txt
