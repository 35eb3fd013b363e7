# without a script, arg[0] is the interpreter itself
"$LUNA" -e 'for i = -1, #arg do print(i, arg[i]) end'
"$LUNA" -e 'print(#arg, arg[0] ~= nil)' -e 'print(select("#", ...))'
