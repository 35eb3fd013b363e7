# syntax errors that are not at <eof> are reported at once; error objects of any type are shown
printf 'x = = 1\nerror({})\nerror(setmetatable({}, {__tostring = function() return "TS" end}))\nlocal t <close> = 1\nprint("still alive")\n' |
  "$LUNA" -i 2>&1 | tail -n +2
