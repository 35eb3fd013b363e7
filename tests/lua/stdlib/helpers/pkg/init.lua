-- helper package loaded through the "?/init.lua" template
return {init = true, args = select("#", ...)}
