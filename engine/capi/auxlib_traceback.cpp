// luaL_traceback and the function-name search it shares with luaL_argerror.
// Format (Lua 5.4.8): "stack traceback:" then one "\n\t<where>: in <what>" line per level; when
// more than 21 levels would be shown, the first 10 and the last 11 are kept and the rest replaced
// by "\n\t...\t(skipping N levels)". Written only against lua.h/lauxlib.h.
#include <cstring>

#include "capi/auxlib_internal.h"

namespace luna::auxlib {
namespace {

constexpr int levels_shown_first = 10;
constexpr int levels_shown_last = 11;

// Looks for the value at absolute index `object` in the table on top of the stack, recursing
// `depth` levels into sub-tables with string keys. On success replaces nothing but pushes the
// (dotted) key path and returns true; on failure the stack is as it was.
bool find_field(lua_State* L, int object, int depth) {
  if (depth == 0 || !lua_istable(L, -1)) return false;
  lua_pushnil(L);
  while (lua_next(L, -2)) {  // stack: ..., table, key, value
    if (lua_type(L, -2) == LUA_TSTRING) {
      if (lua_rawequal(L, object, -1)) {
        lua_pop(L, 1);  // keep the key: it is the name
        return true;
      }
      if (find_field(L, object, depth - 1)) {
        // stack: ..., table, key, subtable, subname -> ..., table, "key.subname"
        lua_pushliteral(L, ".");
        lua_replace(L, -3);
        lua_concat(L, 3);
        return true;
      }
    }
    lua_pop(L, 1);
  }
  return false;
}

// Binary search for the deepest valid level of L1's call stack.
int last_level(lua_State* L1) {
  lua_Debug ar;
  int low = 1;
  int high = 1;
  while (lua_getstack(L1, high, &ar)) {
    low = high;
    high *= 2;
  }
  while (low < high) {
    int middle = (low + high) / 2;
    if (lua_getstack(L1, middle, &ar))
      low = middle + 1;
    else
      high = middle;
  }
  return high - 1;
}

// Pushes a description of the function of `ar` ("function 'string.rep'", "method 'close'",
// "main chunk", "function <file.lua:12>", or "?").
void push_function_description(lua_State* L, lua_State* L1, lua_Debug* ar) {
  if (push_global_function_name(L, L1, ar)) {
    lua_pushfstring(L, "function '%s'", lua_tostring(L, -1));
    lua_remove(L, -2);
  } else if (*ar->namewhat != '\0') {
    lua_pushfstring(L, "%s '%s'", ar->namewhat, ar->name);  // a name known from the calling code
  } else if (*ar->what == 'm') {
    lua_pushliteral(L, "main chunk");
  } else if (*ar->what != 'C') {
    lua_pushfstring(L, "function <%s:%d>", ar->short_src, ar->linedefined);
  } else {
    lua_pushliteral(L, "?");
  }
}

}  // namespace

bool push_global_function_name(lua_State* L, lua_State* L1, lua_Debug* ar) {
  int top = lua_gettop(L);
  if (L1 == L) {
    lua_getinfo(L, "f", ar);
  } else {
    // The record belongs to another thread: fetch the function there and move it over.
    if (!lua_checkstack(L1, 1)) return false;
    lua_getinfo(L1, "f", ar);
    lua_xmove(L1, L, 1);
  }
  lua_getfield(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
  luaL_checkstack(L, 6, "not enough stack");  // find_field needs 3 slots per level
  if (!find_field(L, top + 1, 2)) {
    lua_settop(L, top);
    return false;
  }
  const char* name = lua_tostring(L, -1);
  if (std::strncmp(name, LUA_GNAME ".", 3) == 0) {  // "_G.print" is just "print"
    lua_pushstring(L, name + 3);
    lua_remove(L, -2);
  }
  lua_copy(L, -1, top + 1);  // the name replaces the function
  lua_settop(L, top + 1);
  return true;
}

}  // namespace luna::auxlib

void luaL_traceback(lua_State* L, lua_State* L1, const char* msg, int level) {
  luaL_Buffer buffer;
  lua_Debug ar;
  int last = luna::auxlib::last_level(L1);
  // Countdown to the level where the elision starts; -1 means show everything.
  int shown_before_skip =
      (last - level > luna::auxlib::levels_shown_first + luna::auxlib::levels_shown_last)
          ? luna::auxlib::levels_shown_first
          : -1;
  luaL_buffinit(L, &buffer);
  if (msg != nullptr) {
    luaL_addstring(&buffer, msg);
    luaL_addchar(&buffer, '\n');
  }
  luaL_addstring(&buffer, "stack traceback:");
  while (lua_getstack(L1, level++, &ar)) {
    if (shown_before_skip-- == 0) {
      int skipped = last - level - luna::auxlib::levels_shown_last + 1;
      lua_pushfstring(L, "\n\t...\t(skipping %d levels)", skipped);
      luaL_addvalue(&buffer);
      level += skipped;
      continue;
    }
    lua_getinfo(L1, "Slnt", &ar);
    if (ar.currentline <= 0)
      lua_pushfstring(L, "\n\t%s: in ", ar.short_src);
    else
      lua_pushfstring(L, "\n\t%s:%d: in ", ar.short_src, ar.currentline);
    luaL_addvalue(&buffer);
    luna::auxlib::push_function_description(L, L1, &ar);
    luaL_addvalue(&buffer);
    if (ar.istailcall) luaL_addstring(&buffer, "\n\t(...tail calls...)");
  }
  luaL_pushresult(&buffer);
}
