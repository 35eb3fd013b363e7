# a failing -e chunk: "progname: (command line):1: msg" + traceback on stderr, status 1,
# later options and the script do not run
"$LUNA" -e 'error("boom")' -e 'print("not reached")' helpers/args.lua
echo "status $?"
