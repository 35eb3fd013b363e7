// `lunac`: the Lua compiler driver, a drop-in for `luac` 5.4: compiles source (or re-reads binary)
// chunks and writes a binary chunk (default "luac.out"), or only checks them (-p).
// Loading and writing go through the public API (luaL_loadfile + lua_dump with the strip flag), so
// the chunks lunac writes are exactly those that `string.dump` produces.
// Not implemented yet (each raises a clear error rather than doing something else):
//  - -l listings (need the front end's disassembler, engine/bytecode/disasm.h);
//  - combining several input files into one main chunk without -p (needs blueprint-level access).
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "lauxlib.h"
#include "lua.h"
#include "lualib.h"

#ifndef LUNA_VERSION
#error "LUNA_VERSION must be defined by the build (cli/CMakeLists.txt)"
#endif

namespace luna::cli {
namespace {

const char* program_name = "lunac";
constexpr const char* kDefaultOutput = "luac.out";

struct Options {
  int listing = 0;          // -l count
  bool parse_only = false;  // -p
  bool strip = false;       // -s
  bool version = false;     // -v
  const char* output = kDefaultOutput;
  int first_file = 0;       // argv index of the first input file
};

[[noreturn]] void fail(const char* message) {
  std::fprintf(stderr, "%s: %s\n", program_name, message);
  std::exit(EXIT_FAILURE);
}

[[noreturn]] void usage(const char* message) {
  if (message[0] == '-')
    std::fprintf(stderr, "%s: unrecognized option '%s'\n", program_name, message);
  else
    std::fprintf(stderr, "%s: %s\n", program_name, message);
  std::fprintf(stderr,
               "usage: %s [options] [filenames]\n"
               "Available options are:\n"
               "  -l       list (use -l -l for full listing)\n"
               "  -o name  output to file 'name' (default is \"%s\")\n"
               "  -p       parse only\n"
               "  -s       strip debug information\n"
               "  -v       show version information\n"
               "  --       stop handling options\n"
               "  -        stop handling options and process stdin\n",
               program_name, kDefaultOutput);
  std::exit(EXIT_FAILURE);
}

Options parse_options(int argc, char** argv) {
  Options options;
  if (argv[0] != nullptr && argv[0][0] != '\0') program_name = argv[0];
  int i = 1;
  for (; i < argc; ++i) {
    const char* argument = argv[i];
    if (argument[0] != '-') break;              // first file name
    if (std::strcmp(argument, "-") == 0) break;  // stdin is a file name here
    if (std::strcmp(argument, "--") == 0) {
      ++i;
      break;
    }
    if (std::strcmp(argument, "-l") == 0) {
      ++options.listing;
    } else if (std::strcmp(argument, "-o") == 0) {
      ++i;
      if (i >= argc || argv[i][0] == '\0' || (argv[i][0] == '-' && argv[i][1] != '\0'))
        usage("'-o' needs argument");
      options.output = std::strcmp(argv[i], "-") == 0 ? nullptr : argv[i];  // "-": stdout
    } else if (std::strcmp(argument, "-p") == 0) {
      options.parse_only = true;
    } else if (std::strcmp(argument, "-s") == 0) {
      options.strip = true;
    } else if (std::strcmp(argument, "-v") == 0) {
      options.version = true;
    } else {
      usage(argument);
    }
  }
  options.first_file = i;
  if (options.version) {
    std::printf("Luna %s (%s)\n", LUNA_VERSION, LUA_VERSION);
    if (i == argc) std::exit(EXIT_SUCCESS);
  }
  if (i == argc) {
    // As luac: `-l` or `-p` without files works on the default output, e.g. `lunac -l` lists
    // the luac.out written by a previous run.
    if (options.listing == 0 && !options.parse_only) usage("no input files given");
    static char default_input[] = "luac.out";
    argv[--i] = default_input;
    options.first_file = i;
  }
  return options;
}

int write_chunk(lua_State*, const void* bytes, size_t size, void* file) {
  return std::fwrite(bytes, 1, size, static_cast<std::FILE*>(file)) == size ? 0 : 1;
}

// Runs in protected mode so that memory errors become messages, not aborts.
int compile_files(lua_State* L) {
  const int argc = static_cast<int>(lua_tointeger(L, 1));
  char** argv = static_cast<char**>(lua_touserdata(L, 2));
  const Options* options = static_cast<const Options*>(lua_touserdata(L, 3));
  const int file_count = argc - options->first_file;
  if (options->listing > 0)
    luaL_error(L, "-l (listing) is not available yet: the disassembler is not integrated");
  if (file_count > 1 && !options->parse_only)
    luaL_error(L, "combining several files into one chunk is not implemented yet; "
                  "compile one file per run");
  for (int i = options->first_file; i < argc; ++i) {
    const char* name = std::strcmp(argv[i], "-") == 0 ? nullptr : argv[i];
    if (luaL_loadfile(L, name) != LUA_OK) lua_error(L);
  }
  if (options->parse_only) return 0;
  std::FILE* output = options->output == nullptr ? stdout : std::fopen(options->output, "wb");
  if (output == nullptr)
    luaL_error(L, "cannot open %s: %s", options->output, std::strerror(errno));
  const int dump_status = lua_dump(L, write_chunk, output, options->strip ? 1 : 0);
  const bool write_failed = dump_status != 0 || std::ferror(output);
  const bool close_failed = output != stdout && std::fclose(output) != 0;
  if (write_failed || close_failed)
    luaL_error(L, "cannot write %s: %s", options->output == nullptr ? "stdout" : options->output,
               std::strerror(errno));
  return 0;
}

}  // namespace
}  // namespace luna::cli

int main(int argc, char** argv) {
  using namespace luna::cli;
  Options options = parse_options(argc, argv);
  lua_State* L = luaL_newstate();
  if (L == nullptr) fail("cannot create state: not enough memory");
  lua_pushcfunction(L, compile_files);
  lua_pushinteger(L, argc);
  lua_pushlightuserdata(L, argv);
  lua_pushlightuserdata(L, &options);
  if (lua_pcall(L, 3, 0, 0) != LUA_OK) {
    const char* message = lua_tostring(L, -1);
    fail(message != nullptr ? message : "(error object is not a string)");
  }
  lua_close(L);
  return EXIT_SUCCESS;
}
