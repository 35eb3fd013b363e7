// luaL_newstate (default allocator: gc/pool.h; panic and warning functions) and the loaders built on
// lua_load: luaL_loadfilex, luaL_loadbufferx, luaL_loadstring.
// Messages and formats are Lua 5.4.8's: "PANIC: unprotected error in call to Lua API (%s)\n",
// "Lua warning: " prefix with "@on"/"@off" control messages (warnings start off), file errors
// "cannot open/read/reopen <name>[: <strerror>]". Written against lua.h/lauxlib.h (and the
// engine-independent allocator of gc/pool.h).
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "capi/auxlib_internal.h"
#include "gc/pool.h"

namespace luna::auxlib {
namespace {

// ---- allocator (AddressSanitizer builds only, see gc/pool.h), panic, warnings ------------------------------------------------------------

[[maybe_unused]] void* malloc_allocate(void* /*ud*/, void* block, size_t /*old_size*/, size_t new_size) {
  if (new_size == 0) {
    std::free(block);
    return nullptr;
  }
  return std::realloc(block, new_size);
}

int default_panic(lua_State* L) {
  // Test the type first: lua_tostring on a non-string could itself need memory.
  const char* message =
      lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "error object is not a string";
  lua_writestringerror("PANIC: unprotected error in call to Lua API (%s)\n", message);
  return 0;  // the core then aborts
}

// The warning system is a small state machine whose state is the current warning function:
// off (ignore everything but control messages), on (start of a message), continuing (inside a
// message split over several lua_warning calls with tocont set). The user data is the state.
void warn_off(void* ud, const char* message, int tocont);
void warn_on(void* ud, const char* message, int tocont);
void warn_continuing(void* ud, const char* message, int tocont);

// A control message is a whole (non-continued) message starting with '@'; unknown ones are
// ignored. Returns true if `message` was one.
bool handle_control(lua_State* L, const char* message, int tocont) {
  if (tocont || message[0] != '@') return false;
  if (std::strcmp(message + 1, "off") == 0)
    lua_setwarnf(L, warn_off, L);
  else if (std::strcmp(message + 1, "on") == 0)
    lua_setwarnf(L, warn_on, L);
  return true;
}

void warn_off(void* ud, const char* message, int tocont) {
  handle_control(static_cast<lua_State*>(ud), message, tocont);
}

void warn_continuing(void* ud, const char* message, int tocont) {
  lua_State* L = static_cast<lua_State*>(ud);
  lua_writestringerror("%s", message);
  if (tocont) {
    lua_setwarnf(L, warn_continuing, L);
  } else {
    lua_writestringerror("%s", "\n");
    lua_setwarnf(L, warn_on, L);
  }
}

void warn_on(void* ud, const char* message, int tocont) {
  if (handle_control(static_cast<lua_State*>(ud), message, tocont)) return;
  lua_writestringerror("%s", "Lua warning: ");
  warn_continuing(ud, message, tocont);
}

// ---- loading from files -----------------------------------------------------------------------------

struct FileReader {
  int pending;  // bytes already in `data` (read ahead while sniffing the file's start)
  std::FILE* file;
  char data[BUFSIZ];
};

const char* read_file_block(lua_State* /*L*/, void* ud, size_t* size) {
  FileReader* reader = static_cast<FileReader*>(ud);
  if (reader->pending > 0) {
    *size = static_cast<size_t>(reader->pending);
    reader->pending = 0;
    return reader->data;
  }
  // fread may deliver data and hit end-of-file at once; without this test a terminal on stdin
  // would be asked for more input after the chunk has ended.
  if (std::feof(reader->file)) return nullptr;
  *size = std::fread(reader->data, 1, sizeof(reader->data), reader->file);
  return reader->data;
}

// Replaces the chunk name at `name_index` by the message "cannot <what> <file>[: <reason>]".
int file_error(lua_State* L, const char* what, int name_index) {
  int error_number = errno;
  const char* file_name = lua_tostring(L, name_index) + 1;  // skip the '@'
  if (error_number != 0)
    lua_pushfstring(L, "cannot %s %s: %s", what, file_name, std::strerror(error_number));
  else
    lua_pushfstring(L, "cannot %s %s", what, file_name);
  lua_remove(L, name_index);
  return LUA_ERRFILE;
}

// Skips a UTF-8 byte-order mark. An incomplete mark yields its first byte, which no valid chunk
// starts with, so the load reports an error instead of silently dropping bytes.
int skip_byte_order_mark(std::FILE* file) {
  int c = std::getc(file);
  if (c == 0xEF && std::getc(file) == 0xBB && std::getc(file) == 0xBF) return std::getc(file);
  return c;
}

// Reads the first meaningful character into *first, skipping a BOM and a first line starting
// with '#' (as in executable scripts). Returns true if such a line was skipped.
bool skip_first_line_comment(std::FILE* file, int* first) {
  int c = *first = skip_byte_order_mark(file);
  if (c != '#') return false;
  do c = std::getc(file);
  while (c != EOF && c != '\n');
  *first = std::getc(file);
  return true;
}

// ---- loading from memory ----------------------------------------------------------------------------

struct MemoryReader {
  const char* data;
  size_t size;
};

const char* read_memory(lua_State* /*L*/, void* ud, size_t* size) {
  MemoryReader* reader = static_cast<MemoryReader*>(ud);
  if (reader->size == 0) return nullptr;
  *size = reader->size;
  reader->size = 0;
  return reader->data;
}

}  // namespace
}  // namespace luna::auxlib

// The default allocator is a per-state size-class pool (gc/pool.h), which frees itself with the
// state's last block (lua_close); plain malloc in AddressSanitizer builds.
lua_State* luaL_newstate(void) {
  if constexpr (!luna::gc::pool::default_for_states) {
    lua_State* L = lua_newstate(luna::auxlib::malloc_allocate, nullptr);
    if (L != nullptr) {
      lua_atpanic(L, luna::auxlib::default_panic);
      lua_setwarnf(L, luna::auxlib::warn_off, L);
    }
    return L;
  }
  luna::gc::pool::Pool* pool = luna::gc::pool::create();
  if (pool == nullptr) return nullptr;
  lua_State* L = lua_newstate(luna::gc::pool::allocate, pool);
  if (luai_unlikely(L == nullptr)) {
    luna::gc::pool::destroy(pool);
    return nullptr;
  }
  luna::gc::pool::release_when_empty(pool);
  lua_atpanic(L, luna::auxlib::default_panic);
  lua_setwarnf(L, luna::auxlib::warn_off, L);  // warnings start off ("@on" enables them)
  return L;
}

int luaL_loadfilex(lua_State* L, const char* filename, const char* mode) {
  using namespace luna::auxlib;
  FileReader reader;
  int name_index = lua_gettop(L) + 1;
  if (filename == nullptr) {
    lua_pushliteral(L, "=stdin");
    reader.file = stdin;
  } else {
    lua_pushfstring(L, "@%s", filename);
    errno = 0;
    reader.file = std::fopen(filename, "r");
    if (reader.file == nullptr) return file_error(L, "open", name_index);
  }
  int first;
  reader.pending = 0;
  // Keep a newline for a skipped '#' line so that line numbers stay right.
  if (skip_first_line_comment(reader.file, &first)) reader.data[reader.pending++] = '\n';
  if (first == LUA_SIGNATURE[0]) {
    // A binary chunk: line numbers do not matter, and a real file must be read in binary mode.
    reader.pending = 0;
    if (filename != nullptr) {
      errno = 0;
      reader.file = std::freopen(filename, "rb", reader.file);
      if (reader.file == nullptr) return file_error(L, "reopen", name_index);
      skip_first_line_comment(reader.file, &first);
    }
  }
  if (first != EOF) reader.data[reader.pending++] = static_cast<char>(first);
  errno = 0;
  int status = lua_load(L, read_file_block, &reader, lua_tostring(L, -1), mode);
  bool read_failed = std::ferror(reader.file) != 0;
  if (filename != nullptr) std::fclose(reader.file);
  if (read_failed) {
    lua_settop(L, name_index);  // drop what lua_load produced
    return file_error(L, "read", name_index);
  }
  lua_remove(L, name_index);
  return status;
}

int luaL_loadbufferx(lua_State* L, const char* buff, size_t sz, const char* name, const char* mode) {
  luna::auxlib::MemoryReader reader{buff, sz};
  return lua_load(L, luna::auxlib::read_memory, &reader, name, mode);
}

int luaL_loadstring(lua_State* L, const char* s) { return luaL_loadbuffer(L, s, std::strlen(s), s); }
