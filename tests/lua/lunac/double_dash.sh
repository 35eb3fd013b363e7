# "--" ends the options
"$LUNAC" -o dd.out -- helpers/hello.lua
"$LUNA" dd.out
rm -f dd.out
