# warnings are off by default; -W turns them on; "@on"/"@off" control messages
"$LUNA" -e 'warn("hidden")'
"$LUNA" -W -e 'warn("shown ", "in ", "pieces")'
"$LUNA" -e 'warn("@on") warn("on now") warn("@off") warn("off again")'
"$LUNA" -W -e 'warn("@off") warn("silenced")' -e 'print("end")'
