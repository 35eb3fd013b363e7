// Functions: prototypes, Lua and C closures, upvalues (open/closed) and to-be-closed variables.
// Open upvalues live on their thread's open list, sorted by stack level (highest first); closing
// copies the value into the upvalue. The to-be-closed list threads through stack slots (tbc_list).
#pragma once

#include "object/objects.h"

namespace luna::functions {

Proto* new_proto(lua_State* L);
LClosure* new_lclosure(lua_State* L, int nupvalues);   // upvals[] all null
CClosure* new_cclosure(lua_State* L, int nupvalues);
void init_upvalues(lua_State* L, LClosure* cl);        // fresh closed nil upvalues (main chunks)
UpVal* find_upval(lua_State* L, StackId level);        // open upvalue for `level`, created if needed
void close_upvals(lua_State* L, StackId level);        // close open upvalues >= level
void new_tbc(lua_State* L, StackId obj);               // errors if the value has no __close
// Close upvalues and call pending __close >= level with `status` (LUA_OK or an error status);
// yieldable says whether __close calls may yield. Returns the (possibly moved) level.
StackId close(lua_State* L, StackId level, int status, bool yieldable);
void free_proto(lua_State* L, Proto* p);    // collector only
void free_upval(lua_State* L, UpVal* uv);   // collector only
// Name of the n-th (1-based) local variable active at pc, or null.
const char* local_name(const Proto* p, int n, int pc);

}  // namespace luna::functions
