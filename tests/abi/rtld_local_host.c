/*
 * A host that loads libluna the way Python, the JVM and .NET do: dlopen with RTLD_LOCAL, so the
 * API symbols are not in the global scope. `require` of a C module (which, like Debian's, does
 * not link liblua and expects lua_* from the process) must still work: DESIGN.md section 4 makes
 * that Luna's job, not the host's.
 *   usage: rtld_local_host <path to libluna.so> <module name>
 *   exit: 0 module loaded and is a table; 1 failure; 77 module not installed (test skipped).
 */
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

#include "lua.h"

typedef lua_State* (*NewStateFn)(void);
typedef void (*OpenLibsFn)(lua_State*);
typedef int (*LoadStringFn)(lua_State*, const char*);
typedef int (*PcallFn)(lua_State*, int, int, int, lua_KContext, lua_KFunction);
typedef const char* (*ToLStringFn)(lua_State*, int, size_t*);
typedef void (*CloseFn)(lua_State*);

static void* symbol(void* library, const char* name) {
  void* address = dlsym(library, name);
  if (address == NULL) fprintf(stderr, "missing symbol %s: %s\n", name, dlerror());
  return address;
}

int main(int argc, char** argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: %s <libluna.so> <module>\n", argv[0]);
    return 1;
  }
  void* library = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
  if (library == NULL) {
    fprintf(stderr, "dlopen %s: %s\n", argv[1], dlerror());
    return 1;
  }
  NewStateFn new_state = (NewStateFn)symbol(library, "luaL_newstate");
  OpenLibsFn open_libs = (OpenLibsFn)symbol(library, "luaL_openlibs");
  LoadStringFn load_string = (LoadStringFn)symbol(library, "luaL_loadstring");
  PcallFn pcall = (PcallFn)symbol(library, "lua_pcallk");
  ToLStringFn to_string = (ToLStringFn)symbol(library, "lua_tolstring");
  CloseFn close_state = (CloseFn)symbol(library, "lua_close");
  if (!new_state || !open_libs || !load_string || !pcall || !to_string || !close_state) return 1;

  char code[512];
  snprintf(code, sizeof code,
           "if not package.searchpath('%s', package.cpath) then return 'not installed' end\n"
           "return type(require('%s'))",
           argv[2], argv[2]);
  lua_State* L = new_state();
  open_libs(L);
  int status = load_string(L, code);
  if (status == LUA_OK) status = pcall(L, 0, 1, 0, 0, NULL);
  const char* result = to_string(L, -1, NULL);
  printf("require '%s' with libluna loaded RTLD_LOCAL: %s\n", argv[2], result ? result : "?");
  int exit_code = status != LUA_OK ? 1 : strcmp(result, "not installed") == 0 ? 77 : strcmp(result, "table") == 0 ? 0 : 1;
  close_state(L);
  dlclose(library);
  return exit_code;
}
