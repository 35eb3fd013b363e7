# The page PAGE must contain the file SOURCE verbatim (inside its ```c block).
file(READ ${SOURCE} source)
file(READ ${PAGE} page)
string(FIND "${page}" "```c\n${source}```" at)
if(at EQUAL -1)
  message(FATAL_ERROR "${PAGE} does not show ${SOURCE} verbatim: update the page's example")
endif()
