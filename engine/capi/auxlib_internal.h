// Helpers shared by the auxiliary-library files (engine/capi/auxlib*.cpp). Like the rest of the
// auxiliary library they use only the public C API (lua.h), so they would work on any 5.4 core.
// Not exported (hidden visibility; the version script exports only lua_*/luaL_*/luaopen_*).
#pragma once

#include "lauxlib.h"
#include "lua.h"

namespace luna::auxlib {

// Looks for the function of activation record `ar` among the fields of the loaded modules
// (package.loaded, two levels deep). On success pushes its qualified name ("string.format"; a
// "_G." prefix is dropped) and returns true; otherwise leaves the stack unchanged. `L1` is the
// thread `ar` belongs to (it may differ from L, which receives the result).
bool push_global_function_name(lua_State* L, lua_State* L1, lua_Debug* ar);

// luaL_typeerror with the standard name of basic type `tag` as the expected type.
[[noreturn]] void tag_error(lua_State* L, int arg, int tag);

}  // namespace luna::auxlib
