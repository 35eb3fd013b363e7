// Package library (manual §6.3): require, package.path/cpath/config/loaded/preload/searchers,
// package.searchpath and package.loadlib.
//
// Contract: public C API only, dlopen underneath. Paths default to the ones Debian's lua5.4 uses, so
// modules installed from Debian packages are found; LUA_PATH_5_4/LUA_PATH and LUA_CPATH_5_4/LUA_CPATH
// override them (";;" splices the default in) unless the registry field LUA_NOENV is true. Loaded C
// libraries are kept in the registry table "_CLIBS", whose __gc closes them when the state closes.
// Messages follow Lua 5.4.8.
#include <dlfcn.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iterator>

#include "lua.hpp"

namespace luna::stdlib::package {
namespace {

constexpr const char* kLuaPathDefault =
    "/usr/local/share/lua/5.4/?.lua;/usr/local/share/lua/5.4/?/init.lua;"
    "/usr/local/lib/lua/5.4/?.lua;/usr/local/lib/lua/5.4/?/init.lua;"
    "/usr/share/lua/5.4/?.lua;/usr/share/lua/5.4/?/init.lua;"
    "./?.lua;./?/init.lua";
constexpr const char* kCPathDefault =
    "/usr/local/lib/lua/5.4/?.so;/usr/lib/x86_64-linux-gnu/lua/5.4/?.so;"
    "/usr/lib/lua/5.4/?.so;/usr/local/lib/lua/5.4/loadall.so;./?.so";

constexpr const char* kClibsKey = "_CLIBS";
constexpr const char* kVersionSuffix = "_5_4";
constexpr char kPathSeparator = ';';
constexpr const char* kPathMark = "?";
constexpr const char* kDirectorySeparator = "/";
constexpr const char* kOpenFunctionPrefix = "luaopen_";
constexpr const char* kIgnoreMark = "-";  // in a module name: the open function ignores what precedes it

// lookup_function results, also the "where" of loadlib failures.
constexpr int kFoundFunction = 0;
constexpr int kLibraryError = 1;
constexpr int kFunctionError = 2;

// C modules resolve lua_* from whatever object defines them. When that object was itself loaded with
// RTLD_LOCAL (a Python/JVM/.NET host), those symbols are invisible to a later dlopen; re-opening it
// with RTLD_NOLOAD | RTLD_GLOBAL promotes it to the global scope so modules still link.
void make_api_symbols_global() {
  Dl_info info;
  if (dladdr(reinterpret_cast<void*>(&lua_newstate), &info) == 0 || info.dli_fname == nullptr) return;
  void* self = dlopen(info.dli_fname, RTLD_NOW | RTLD_NOLOAD | RTLD_GLOBAL);
  if (self != nullptr)
    dlclose(self);  // the promotion stays; drop the extra reference
  else
    dlerror();  // e.g. the main program: already global; clear the error so it is not reported later
}

// Opens a shared library; on failure pushes dlerror's message and returns nullptr.
void* load_library(lua_State* L, const char* path, bool global) {
  make_api_symbols_global();
  void* library = dlopen(path, RTLD_NOW | (global ? RTLD_GLOBAL : RTLD_LOCAL));
  if (library == nullptr) lua_pushstring(L, dlerror());
  return library;
}

lua_CFunction find_symbol(lua_State* L, void* library, const char* symbol) {
  auto function = reinterpret_cast<lua_CFunction>(dlsym(library, symbol));
  if (function == nullptr) lua_pushstring(L, dlerror());
  return function;
}

void* loaded_library(lua_State* L, const char* path) {
  lua_getfield(L, LUA_REGISTRYINDEX, kClibsKey);
  lua_getfield(L, -1, path);
  void* library = lua_touserdata(L, -1);
  lua_pop(L, 2);
  return library;
}

// Records a library both by path (to find it again) and in sequence (to close it in reverse order).
void remember_library(lua_State* L, const char* path, void* library) {
  lua_getfield(L, LUA_REGISTRYINDEX, kClibsKey);
  lua_pushlightuserdata(L, library);
  lua_pushvalue(L, -1);
  lua_setfield(L, -3, path);
  lua_rawseti(L, -2, luaL_len(L, -2) + 1);
  lua_pop(L, 1);
}

int close_libraries(lua_State* L) {
  for (lua_Integer index = luaL_len(L, 1); index >= 1; --index) {
    lua_rawgeti(L, 1, index);
    dlclose(lua_touserdata(L, -1));
    lua_pop(L, 1);
  }
  return 0;
}

// Loads 'path' (once per state) and pushes the C function 'symbol' from it; symbol "*" only links the
// library globally and pushes true. On failure pushes a message and returns the error kind.
int lookup_function(lua_State* L, const char* path, const char* symbol) {
  void* library = loaded_library(L, path);
  if (library == nullptr) {
    library = load_library(L, path, *symbol == '*');
    if (library == nullptr) return kLibraryError;
    remember_library(L, path, library);
  }
  if (*symbol == '*') {
    lua_pushboolean(L, 1);
    return kFoundFunction;
  }
  lua_CFunction function = find_symbol(L, library, symbol);
  if (function == nullptr) return kFunctionError;
  lua_pushcfunction(L, function);
  return kFoundFunction;
}

int loadlib(lua_State* L) {
  const char* path = luaL_checkstring(L, 1);
  const char* symbol = luaL_checkstring(L, 2);
  const int status = lookup_function(L, path, symbol);
  if (status == kFoundFunction) return 1;
  luaL_pushfail(L);
  lua_insert(L, -2);
  lua_pushstring(L, status == kLibraryError ? "open" : "init");
  return 3;
}

// ---- path search -----------------------------------------------------------------------------

bool is_readable(const char* file_name) {
  FILE* file = std::fopen(file_name, "r");
  if (file == nullptr) return false;
  std::fclose(file);
  return true;
}

// Walks a ';'-separated list kept in a writable buffer, cutting it in place: each call terminates
// the next entry and returns it (restoring the separator the previous call overwrote).
const char* next_file_name(char** cursor, char* end) {
  char* name = *cursor;
  if (name == end) return nullptr;
  if (*name == '\0') {
    *name = kPathSeparator;
    ++name;
  }
  char* separator = std::strchr(name, kPathSeparator);
  if (separator == nullptr) separator = end;
  *separator = '\0';
  *cursor = separator;
  return name;
}

void push_not_found(lua_State* L, const char* path) {
  luaL_Buffer buffer;
  luaL_buffinit(L, &buffer);
  luaL_addstring(&buffer, "no file '");
  luaL_addgsub(&buffer, path, ";", "'\n\tno file '");
  luaL_addstring(&buffer, "'");
  luaL_pushresult(&buffer);
}

// Returns the first readable file name built from 'path' (pushed), or nullptr after pushing the list
// of names tried.
const char* search_path(lua_State* L, const char* name, const char* path, const char* separator,
                        const char* directory_separator) {
  if (*separator != '\0' && std::strchr(name, *separator) != nullptr)
    name = luaL_gsub(L, name, separator, directory_separator);
  luaL_Buffer buffer;
  luaL_buffinit(L, &buffer);
  luaL_addgsub(&buffer, path, kPathMark, name);
  luaL_addchar(&buffer, '\0');
  char* cursor = luaL_buffaddr(&buffer);
  char* end = cursor + luaL_bufflen(&buffer) - 1;
  while (const char* file_name = next_file_name(&cursor, end)) {
    if (is_readable(file_name)) return lua_pushstring(L, file_name);
  }
  luaL_pushresult(&buffer);
  push_not_found(L, lua_tostring(L, -1));
  return nullptr;
}

int searchpath(lua_State* L) {
  const char* found = search_path(L, luaL_checkstring(L, 1), luaL_checkstring(L, 2),
                                  luaL_optstring(L, 3, "."), luaL_optstring(L, 4, kDirectorySeparator));
  if (found != nullptr) return 1;
  luaL_pushfail(L);
  lua_insert(L, -2);
  return 2;
}

// Searches package[field] (the package table is upvalue 1 of every searcher).
const char* find_file(lua_State* L, const char* name, const char* field, const char* directory_separator) {
  lua_getfield(L, lua_upvalueindex(1), field);
  const char* path = lua_tostring(L, -1);
  if (path == nullptr) luaL_error(L, "'package.%s' must be a string", field);
  return search_path(L, name, path, ".", directory_separator);
}

int finish_search(lua_State* L, bool loaded, const char* file_name) {
  if (loaded) {
    lua_pushstring(L, file_name);  // the loader's second argument
    return 2;
  }
  return luaL_error(L, "error loading module '%s' from file '%s':\n\t%s", lua_tostring(L, 1), file_name,
                    lua_tostring(L, -1));
}

int search_preload(lua_State* L) {
  const char* name = luaL_checkstring(L, 1);
  lua_getfield(L, LUA_REGISTRYINDEX, LUA_PRELOAD_TABLE);
  if (lua_getfield(L, -1, name) == LUA_TNIL) {
    lua_pushfstring(L, "no field package.preload['%s']", name);
    return 1;
  }
  lua_pushliteral(L, ":preload:");
  return 2;
}

int search_lua(lua_State* L) {
  const char* name = luaL_checkstring(L, 1);
  const char* file_name = find_file(L, name, "path", kDirectorySeparator);
  if (file_name == nullptr) return 1;  // the "no file" list
  return finish_search(L, luaL_loadfile(L, file_name) == LUA_OK, file_name);
}

// Pushes luaopen_<name> from the library, where dots become '_'. With a "-" in the name, first tries
// the part before it (a versioned copy "mod-v2" still opens as luaopen_mod), then the part after it.
int load_open_function(lua_State* L, const char* file_name, const char* module_name) {
  module_name = luaL_gsub(L, module_name, ".", "_");
  const char* mark = std::strchr(module_name, *kIgnoreMark);
  if (mark != nullptr) {
    const char* prefix = lua_pushlstring(L, module_name, static_cast<size_t>(mark - module_name));
    const char* open_function = lua_pushfstring(L, "%s%s", kOpenFunctionPrefix, prefix);
    const int status = lookup_function(L, file_name, open_function);
    if (status != kFunctionError) return status;
    module_name = mark + 1;
  }
  const char* open_function = lua_pushfstring(L, "%s%s", kOpenFunctionPrefix, module_name);
  return lookup_function(L, file_name, open_function);
}

int search_c(lua_State* L) {
  const char* name = luaL_checkstring(L, 1);
  const char* file_name = find_file(L, name, "cpath", kDirectorySeparator);
  if (file_name == nullptr) return 1;
  return finish_search(L, load_open_function(L, file_name, name) == kFoundFunction, file_name);
}

// All-in-one loader: "a.b.c" is looked up as luaopen_a_b_c inside the C library for "a".
int search_c_root(lua_State* L) {
  const char* name = luaL_checkstring(L, 1);
  const char* dot = std::strchr(name, '.');
  if (dot == nullptr) return 0;  // a root name: search_c already covered it
  lua_pushlstring(L, name, static_cast<size_t>(dot - name));
  const char* file_name = find_file(L, lua_tostring(L, -1), "cpath", kDirectorySeparator);
  if (file_name == nullptr) return 1;
  const int status = load_open_function(L, file_name, name);
  if (status != kFoundFunction) {
    if (status != kFunctionError) return finish_search(L, false, file_name);
    lua_pushfstring(L, "no module '%s' in file '%s'", name, file_name);
    return 1;
  }
  lua_pushstring(L, file_name);
  return 2;
}

// ---- require ---------------------------------------------------------------------------------

// Runs the searchers in order for 'name' (stack: 1 name, 2 LOADED, 3 searchers) until one returns a
// loader; leaves loader and its data on the stack, or raises with every searcher's explanation.
void find_loader(lua_State* L, const char* name) {
  if (lua_getfield(L, lua_upvalueindex(1), "searchers") != LUA_TTABLE)
    luaL_error(L, "'package.searchers' must be a table");
  luaL_Buffer message;
  luaL_buffinit(L, &message);
  for (lua_Integer index = 1;; ++index) {
    luaL_addstring(&message, "\n\t");
    if (lua_rawgeti(L, 3, index) == LUA_TNIL) {
      lua_pop(L, 1);
      luaL_buffsub(&message, 2);  // drop the prefix added for a searcher that does not exist
      luaL_pushresult(&message);
      luaL_error(L, "module '%s' not found:%s", name, lua_tostring(L, -1));
    }
    lua_pushstring(L, name);
    lua_call(L, 1, 2);
    if (lua_isfunction(L, -2)) return;
    if (lua_isstring(L, -2)) {
      lua_pop(L, 1);
      luaL_addvalue(&message);
    } else {
      lua_pop(L, 2);
      luaL_buffsub(&message, 2);
    }
  }
}

int require(lua_State* L) {
  const char* name = luaL_checkstring(L, 1);
  lua_settop(L, 1);
  lua_getfield(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
  lua_getfield(L, 2, name);
  if (lua_toboolean(L, -1)) return 1;  // already loaded
  lua_pop(L, 1);
  find_loader(L, name);
  lua_rotate(L, -2, 1);  // stack: ..., loader data, loader
  lua_pushvalue(L, 1);
  lua_pushvalue(L, -3);
  lua_call(L, 2, 1);
  if (!lua_isnil(L, -1))
    lua_setfield(L, 2, name);
  else
    lua_pop(L, 1);
  if (lua_getfield(L, 2, name) == LUA_TNIL) {  // a loader that returned nothing and set nothing
    lua_pushboolean(L, 1);
    lua_copy(L, -1, -2);
    lua_setfield(L, 2, name);
  }
  lua_rotate(L, -2, 1);  // results: module value, loader data
  return 2;
}

// ---- setup -----------------------------------------------------------------------------------

bool environment_ignored(lua_State* L) {
  lua_getfield(L, LUA_REGISTRYINDEX, "LUA_NOENV");
  const bool ignored = lua_toboolean(L, -1);
  lua_pop(L, 1);
  return ignored;
}

// Sets package[field] from the environment (versioned name first) or the default.
void set_path(lua_State* L, const char* field, const char* variable, const char* default_path) {
  const char* versioned = lua_pushfstring(L, "%s%s", variable, kVersionSuffix);
  const char* value = std::getenv(versioned);
  if (value == nullptr) value = std::getenv(variable);
  const char* splice = value == nullptr ? nullptr : std::strstr(value, ";;");
  if (value == nullptr || environment_ignored(L)) {
    lua_pushstring(L, default_path);
  } else if (splice == nullptr) {
    lua_pushstring(L, value);
  } else {
    const size_t length = std::strlen(value);
    luaL_Buffer buffer;
    luaL_buffinit(L, &buffer);
    if (value < splice) {
      luaL_addlstring(&buffer, value, static_cast<size_t>(splice - value));
      luaL_addchar(&buffer, kPathSeparator);
    }
    luaL_addstring(&buffer, default_path);
    if (splice < value + length - 2) {
      luaL_addchar(&buffer, kPathSeparator);
      luaL_addlstring(&buffer, splice + 2, static_cast<size_t>((value + length - 2) - splice));
    }
    luaL_pushresult(&buffer);
  }
  lua_setfield(L, -3, field);
  lua_pop(L, 1);  // the versioned variable name
}

void create_searchers(lua_State* L) {
  static const lua_CFunction searchers[] = {search_preload, search_lua, search_c, search_c_root};
  lua_createtable(L, static_cast<int>(std::size(searchers)), 0);
  int index = 0;
  for (lua_CFunction searcher : searchers) {
    lua_pushvalue(L, -2);  // the package table as upvalue
    lua_pushcclosure(L, searcher, 1);
    lua_rawseti(L, -2, ++index);
  }
  lua_setfield(L, -2, "searchers");
}

void create_clibs_table(lua_State* L) {
  luaL_getsubtable(L, LUA_REGISTRYINDEX, kClibsKey);
  lua_createtable(L, 0, 1);
  lua_pushcfunction(L, close_libraries);
  lua_setfield(L, -2, "__gc");
  lua_setmetatable(L, -2);
  lua_pop(L, 1);
}

constexpr luaL_Reg kPackageFunctions[] = {
    {"loadlib", loadlib},
    {"searchpath", searchpath},
    // filled in by luaopen_package
    {"preload", nullptr},
    {"cpath", nullptr},
    {"path", nullptr},
    {"searchers", nullptr},
    {"loaded", nullptr},
    {nullptr, nullptr},
};

constexpr luaL_Reg kGlobalFunctions[] = {{"require", require}, {nullptr, nullptr}};

}  // namespace
}  // namespace luna::stdlib::package

LUAMOD_API int luaopen_package(lua_State* L) {
  using namespace luna::stdlib::package;
  create_clibs_table(L);
  luaL_newlib(L, kPackageFunctions);
  create_searchers(L);
  set_path(L, "path", "LUA_PATH", kLuaPathDefault);
  set_path(L, "cpath", "LUA_CPATH", kCPathDefault);
  lua_pushliteral(L, "/\n;\n?\n!\n-\n");
  lua_setfield(L, -2, "config");
  luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
  lua_setfield(L, -2, "loaded");
  luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_PRELOAD_TABLE);
  lua_setfield(L, -2, "preload");
  lua_pushglobaltable(L);
  lua_pushvalue(L, -2);  // require's upvalue: the package table
  luaL_setfuncs(L, kGlobalFunctions, 1);
  lua_pop(L, 1);
  return 1;
}
