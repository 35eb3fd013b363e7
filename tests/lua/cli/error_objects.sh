# non-string error objects: __tostring is used, else the type is described
"$LUNA" -e 'error(setmetatable({}, {__tostring = function() return "described" end}))'
"$LUNA" -e 'error({})'
"$LUNA" -e 'error(42)'
"$LUNA" -e 'error(nil)'
"$LUNA" -e 'error(true)'
