#!/usr/bin/env lua this first line is skipped
print("shebang skipped")
print(load("#!x\nreturn 1"))
