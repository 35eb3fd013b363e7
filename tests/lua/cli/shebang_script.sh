printf '#!/usr/bin/env luna\nprint("ran with shebang line", ...)\n' > shebang_tmp.lua
"$LUNA" shebang_tmp.lua 1 2
rm -f shebang_tmp.lua
