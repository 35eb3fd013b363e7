# warn output format on stderr: "Lua warning: " prefix, pieces concatenated, @on/@off control
"$LUNA" -e 'warn("not shown: warnings start off")' 2>&1
"$LUNA" -W -e 'warn("a", "b", "c"); warn("@off"); warn("hidden"); warn("@on"); warn("shown again")' 2>&1
"$LUNA" -e 'warn("@on"); warn("x", "y")' 2>&1
"$LUNA" -e 'warn("@on"); warn("@unknown control is ignored"); warn("done")' 2>&1
