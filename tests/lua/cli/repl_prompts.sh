# _PROMPT and _PROMPT2 replace the prompts (any value, through tostring)
printf 'function f()\nreturn 1 end\nf()\n' | "$LUNA" -e '_PROMPT = "lua> " _PROMPT2 = 2' -i 2>&1 | tail -n +2
