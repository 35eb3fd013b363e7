// lua.hpp -- the Lua 5.4 C API for C++ code: the three C headers with C linkage.
// (luaconf.h already gives the API functions C linkage under C++; the wrapper also covers the
// types and keeps the traditional include working.)
#pragma once

extern "C" {
#include "lua.h"
#include "lualib.h"
#include "lauxlib.h"
}
