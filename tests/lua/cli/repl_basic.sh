# the REPL (-i) evaluates expressions, prints results with print, continues incomplete
# statements, reports errors and goes on; the banner line is dropped to compare only the session
printf '1 + 1\nx = 5\n= x\nprint("p")\nreturn 1, nil, "three"\nfor i = 1, 2 do\nprint(i)\nend\nerror("oops")\nx\n' |
  "$LUNA" -i 2>&1 | tail -n +2
