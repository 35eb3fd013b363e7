// `luna`: the stand-alone interpreter, a drop-in for `lua` 5.4 (same options, `arg` table,
// LUA_INIT handling, messages and exit statuses; see docs/cli.md for the few differences).
// Structure: main() creates the state and runs `interpreter_main` in protected mode, so that even
// memory errors while opening the libraries are reported. Option parsing is done once up front
// (`scan_options`) without running any Lua code, then the options that run code are executed in
// command-line order, then the script, then the REPL or stdin when asked for.
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <unistd.h>

#include "interpreter.h"
#include "lauxlib.h"
#include "lualib.h"

#ifndef LUNA_VERSION
#error "LUNA_VERSION must be defined by the build (cli/CMakeLists.txt)"
#endif

namespace luna::cli {

const char* program_name = "luna";

namespace {

// The state that the SIGINT handler interrupts; only set while a chunk runs (see run_protected).
lua_State* interrupted_state = nullptr;

constexpr const char* kInitVariableVersioned = "LUA_INIT_5_4";
constexpr const char* kInitVariable = "LUA_INIT";
constexpr char kIgnoreMark = '-';  // `-l mod-v2` loads "mod-v2" into global "mod" (LUA_IGMARK)

// The banner ends with the language's origin, as `lua -v` does: scripts (and the official test
// suite's main.lua) look for "PUC-Rio" at the end of the version line.
void print_version() {
  std::fputs("Luna " LUNA_VERSION " -- " LUA_VERSION ", the language created at PUC-Rio\n", stdout);
  std::fflush(stdout);
}

void print_usage(const char* bad_option) {
  std::fprintf(stderr, "%s: ", program_name);
  if (bad_option[1] == 'e' || bad_option[1] == 'l')
    std::fprintf(stderr, "'%s' needs argument\n", bad_option);
  else
    std::fprintf(stderr, "unrecognized option '%s'\n", bad_option);
  std::fprintf(stderr,
               "usage: %s [options] [script [args]]\n"
               "Available options are:\n"
               "  -e stat   execute string 'stat'\n"
               "  -i        enter interactive mode after executing 'script'\n"
               "  -l mod    require library 'mod' into global 'mod'\n"
               "  -l g=mod  require library 'mod' into global 'g'\n"
               "  -v        show version information\n"
               "  -E        ignore environment variables\n"
               "  -W        turn warnings on\n"
               "  --        stop handling options\n"
               "  -         stop handling options and execute stdin\n",
               program_name);
  std::fflush(stderr);
}

// Turns a pending SIGINT into a Lua error at the next hook event. A signal handler may not touch
// the state beyond lua_sethook (which is async-signal-safe by design), so the error is raised later.
void stop_hook(lua_State* L, lua_Debug*) {
  lua_sethook(L, nullptr, 0, 0);
  luaL_error(L, "interrupted!");
}

void set_signal_handler(int signal_number, void (*handler)(int)) {
  struct sigaction action {};
  action.sa_handler = handler;
  action.sa_flags = 0;
  sigemptyset(&action.sa_mask);
  sigaction(signal_number, &action, nullptr);
}

void on_interrupt(int signal_number) {
  set_signal_handler(signal_number, SIG_DFL);  // a second Ctrl-C kills the process
  lua_sethook(interrupted_state, stop_hook,
              LUA_MASKCALL | LUA_MASKRET | LUA_MASKLINE | LUA_MASKCOUNT, 1);
}

// Message handler: adds a traceback to string-like errors; other values go through __tostring
// or are described by their type.
int message_handler(lua_State* L) {
  const char* message = lua_tostring(L, 1);
  if (message == nullptr) {
    if (luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING) return 1;
    message = lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
  }
  luaL_traceback(L, L, message, 1);
  return 1;
}

struct Options {
  bool bad = false;        // an unknown option or a missing argument (script_index names it)
  bool interactive = false;
  bool version = false;
  bool execute = false;    // at least one -e
  bool ignore_environment = false;
  // argv index of the script; 0 when there is none. On `bad`, the index of the bad option.
  int script_index = 0;
};

bool has_extra_characters(const char* option) { return option[2] != '\0'; }

// Scans the options without running anything (lua.c's order: -v and -E take effect before any
// code runs, whatever their position).
Options scan_options(char** argv) {
  Options options;
  int i = 1;
  for (; argv[i] != nullptr; ++i) {
    options.script_index = i;
    const char* argument = argv[i];
    if (argument[0] != '-') return options;  // the script
    switch (argument[1]) {
      case '-':
        if (has_extra_characters(argument)) break;
        // "--" ends the options; the next argument (if any) is the script.
        options.script_index = argv[i + 1] != nullptr ? i + 1 : 0;
        return options;
      case '\0':
        return options;  // "-": the script is stdin
      case 'E':
        if (has_extra_characters(argument)) break;
        options.ignore_environment = true;
        continue;
      case 'W':
        if (has_extra_characters(argument)) break;
        continue;
      case 'i':
      case 'v':
        if (has_extra_characters(argument)) break;
        if (argument[1] == 'i') options.interactive = true;
        options.version = true;  // -i implies -v
        continue;
      case 'e':
      case 'l':
        if (argument[1] == 'e') options.execute = true;
        if (!has_extra_characters(argument)) {
          ++i;
          if (argv[i] == nullptr || argv[i][0] == '-') break;
        }
        continue;
      default:
        break;
    }
    options.bad = true;  // every `break` above lands here
    return options;
  }
  options.script_index = 0;
  return options;
}

// `arg`: the script at index 0, its arguments at 1.., the interpreter and options below 0.
void create_arg_table(lua_State* L, char** argv, int argc, int script_index) {
  const int positive = argc - (script_index + 1);
  lua_createtable(L, positive > 0 ? positive : 0, script_index + 1);
  for (int i = 0; i < argc; ++i) {
    lua_pushstring(L, argv[i]);
    lua_rawseti(L, -2, i - script_index);
  }
  lua_setglobal(L, "arg");
}

int run_chunk(lua_State* L, int load_status) {
  if (load_status == LUA_OK) load_status = run_protected(L, 0, 0);
  return report(L, load_status);
}

int run_file(lua_State* L, const char* file_name) { return run_chunk(L, luaL_loadfile(L, file_name)); }

int run_string(lua_State* L, const char* text, const char* chunk_name) {
  return run_chunk(L, luaL_loadbuffer(L, text, std::strlen(text), chunk_name));
}

// `-l name`, `-l global=module`: global = require(module).
int load_library(lua_State* L, char* specification) {
  char* module_name = std::strchr(specification, '=');
  char* version_suffix = nullptr;
  if (module_name == nullptr) {
    module_name = specification;
    version_suffix = std::strchr(specification, kIgnoreMark);
  } else {
    *module_name++ = '\0';  // the global's name ends at '='
  }
  lua_getglobal(L, "require");
  lua_pushstring(L, module_name);
  int status = run_protected(L, 1, 1);
  if (status == LUA_OK) {
    if (version_suffix != nullptr) *version_suffix = '\0';
    lua_setglobal(L, specification);
  }
  return report(L, status);
}

// Runs -e, -l and -W in command-line order; false when one of them failed.
bool run_options(lua_State* L, char** argv, int limit) {
  for (int i = 1; i < limit; ++i) {
    const char option = argv[i][1];
    if (option == 'W') {
      lua_warning(L, "@on", 0);
    } else if (option == 'e' || option == 'l') {
      char* argument = argv[i] + 2;
      if (*argument == '\0') argument = argv[++i];
      const int status =
          option == 'e' ? run_string(L, argument, "=(command line)") : load_library(L, argument);
      if (status != LUA_OK) return false;
    }
  }
  return true;
}

int run_init_variable(lua_State* L) {
  const char* chunk_name = "=LUA_INIT_5_4";
  const char* value = std::getenv(kInitVariableVersioned);
  if (value == nullptr) {
    chunk_name = "=LUA_INIT";
    value = std::getenv(kInitVariable);
  }
  if (value == nullptr) return LUA_OK;
  if (value[0] == '@') return run_file(L, value + 1);
  return run_string(L, value, chunk_name);
}

// Pushes arg[1..#arg] (the script may have changed `arg` from LUA_INIT or -e).
int push_script_arguments(lua_State* L) {
  if (lua_getglobal(L, "arg") != LUA_TTABLE) luaL_error(L, "'arg' is not a table");
  const int count = static_cast<int>(luaL_len(L, -1));
  luaL_checkstack(L, count + 3, "too many arguments to script");
  for (int i = 1; i <= count; ++i) lua_rawgeti(L, -i, i);
  lua_remove(L, -count - 1);
  return count;
}

int run_script(lua_State* L, char** argv, int script_index) {
  const char* file_name = argv[script_index];
  // "-" means stdin unless it came after "--" (then it is a file literally named "-").
  if (std::strcmp(file_name, "-") == 0 && std::strcmp(argv[script_index - 1], "--") != 0)
    file_name = nullptr;
  int status = luaL_loadfile(L, file_name);
  if (status == LUA_OK) {
    const int count = push_script_arguments(L);
    status = run_protected(L, count, LUA_MULTRET);
  }
  return report(L, status);
}

int interpreter_main(lua_State* L) {
  const int argc = static_cast<int>(lua_tointeger(L, 1));
  char** argv = static_cast<char**>(lua_touserdata(L, 2));
  if (argv[0] != nullptr && argv[0][0] != '\0') program_name = argv[0];
  const Options options = argv[0] != nullptr ? scan_options(argv) : Options{};
  luaL_checkversion(L);
  if (options.bad) {
    print_usage(argv[options.script_index]);
    return 0;
  }
  if (options.version) print_version();
  if (options.ignore_environment) {
    lua_pushboolean(L, 1);
    lua_setfield(L, LUA_REGISTRYINDEX, "LUA_NOENV");
  }
  luaL_openlibs(L);
  create_arg_table(L, argv, argc, options.script_index);
  lua_gc(L, LUA_GCRESTART);
  lua_gc(L, LUA_GCGEN, 0, 0);  // lua.c runs scripts in generational mode; so do we
  if (!options.ignore_environment && run_init_variable(L) != LUA_OK) return 0;
  // Options run up to the script (or all arguments); after "--" the limit is "--" itself.
  const int option_limit = options.script_index > 0 ? options.script_index : argc;
  if (!run_options(L, argv, option_limit)) return 0;
  if (options.script_index > 0 && run_script(L, argv, options.script_index) != LUA_OK) return 0;
  if (options.interactive) {
    run_repl(L);
  } else if (options.script_index < 1 && !options.execute && !options.version) {
    if (isatty(0)) {
      print_version();
      run_repl(L);
    } else {
      run_file(L, nullptr);  // stdin is a script
    }
  }
  lua_pushboolean(L, 1);
  return 1;
}

}  // namespace

void print_message(const char* program, const char* message) {
  if (program != nullptr) std::fprintf(stderr, "%s: ", program);
  std::fprintf(stderr, "%s\n", message);
  std::fflush(stderr);
}

int report(lua_State* L, int status) {
  if (status != LUA_OK) {
    const char* message = lua_tostring(L, -1);
    print_message(program_name, message != nullptr ? message : "(error message not a string)");
    lua_pop(L, 1);
  }
  return status;
}

int run_protected(lua_State* L, int argument_count, int result_count) {
  const int handler_index = lua_gettop(L) - argument_count;
  lua_pushcfunction(L, message_handler);
  lua_insert(L, handler_index);
  interrupted_state = L;
  set_signal_handler(SIGINT, on_interrupt);
  const int status = lua_pcall(L, argument_count, result_count, handler_index);
  set_signal_handler(SIGINT, SIG_DFL);
  lua_remove(L, handler_index);
  return status;
}

}  // namespace luna::cli

int main(int argc, char** argv) {
  lua_State* L = luaL_newstate();
  if (L == nullptr) {
    luna::cli::print_message(argv[0], "cannot create state: not enough memory");
    return EXIT_FAILURE;
  }
  lua_gc(L, LUA_GCSTOP);  // no collections while the libraries are being built
  lua_pushcfunction(L, luna::cli::interpreter_main);
  lua_pushinteger(L, argc);
  lua_pushlightuserdata(L, argv);
  const int status = lua_pcall(L, 2, 1, 0);
  const bool succeeded = lua_toboolean(L, -1);
  luna::cli::report(L, status);
  lua_close(L);
  return succeeded && status == LUA_OK ? EXIT_SUCCESS : EXIT_FAILURE;
}
