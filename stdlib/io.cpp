// Input/output library (manual §6.8): io.* functions and the methods of file handles.
//
// Contract: public C API only. A file handle is a full userdata laid out as luaL_Stream (so C modules
// sharing LUA_FILEHANDLE interoperate) with the "FILE*" metatable. A handle is closed when its 'closef'
// is null. The default input/output files live in the registry under "_IO_input" / "_IO_output".
// Formats, results and messages follow Lua 5.4.8; failures return luaL_fileresult's (fail, msg, errno).
#include <cctype>
#include <cerrno>
#include <clocale>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "lua.hpp"

namespace luna::stdlib::io {
namespace {

constexpr const char* kInputKey = "_IO_input";
constexpr const char* kOutputKey = "_IO_output";
constexpr size_t kKeyPrefixLength = sizeof("_IO_") - 1;  // skipped when naming a default file

// Maximum number of formats io.lines/file:lines accept (they become upvalues of the iterator).
constexpr int kMaxLinesFormats = 250;

luaL_Stream* to_stream(lua_State* L) {
  return static_cast<luaL_Stream*>(luaL_checkudata(L, 1, LUA_FILEHANDLE));
}

bool is_closed(const luaL_Stream* stream) { return stream->closef == nullptr; }

FILE* to_open_file(lua_State* L) {
  luaL_Stream* stream = to_stream(L);
  if (is_closed(stream)) luaL_error(L, "attempt to use a closed file");
  return stream->f;
}

// A handle that is not yet usable: closed (closef == nullptr) until the caller installs a FILE*.
luaL_Stream* new_prefile(lua_State* L) {
  auto* stream = static_cast<luaL_Stream*>(lua_newuserdatauv(L, sizeof(luaL_Stream), 0));
  stream->closef = nullptr;
  luaL_setmetatable(L, LUA_FILEHANDLE);
  return stream;
}

int close_with_fclose(lua_State* L) {
  luaL_Stream* stream = to_stream(L);
  errno = 0;
  return luaL_fileresult(L, std::fclose(stream->f) == 0, nullptr);
}

int close_with_pclose(lua_State* L) {
  luaL_Stream* stream = to_stream(L);
  errno = 0;
  return luaL_execresult(L, pclose(stream->f));
}

// Standard files stay open: closing them only reports why not.
int refuse_close(lua_State* L) {
  luaL_Stream* stream = to_stream(L);
  stream->closef = &refuse_close;  // keep the handle usable
  luaL_pushfail(L);
  lua_pushliteral(L, "cannot close standard file");
  return 2;
}

luaL_Stream* new_file(lua_State* L) {
  luaL_Stream* stream = new_prefile(L);
  stream->f = nullptr;
  stream->closef = &close_with_fclose;
  return stream;
}

void open_or_raise(lua_State* L, const char* file_name, const char* mode) {
  luaL_Stream* stream = new_file(L);
  stream->f = std::fopen(file_name, mode);
  if (stream->f == nullptr) luaL_error(L, "cannot open file '%s' (%s)", file_name, std::strerror(errno));
}

// Closes the handle at index 1 through its own closer, marking it closed first.
int close_handle(lua_State* L) {
  luaL_Stream* stream = to_stream(L);
  lua_CFunction closer = stream->closef;
  stream->closef = nullptr;
  return closer(L);
}

int file_close(lua_State* L) {
  to_open_file(L);
  return close_handle(L);
}

int io_close(lua_State* L) {
  if (lua_isnone(L, 1)) lua_getfield(L, LUA_REGISTRYINDEX, kOutputKey);
  return file_close(L);
}

int file_gc(lua_State* L) {
  luaL_Stream* stream = to_stream(L);
  if (!is_closed(stream) && stream->f != nullptr) close_handle(L);  // ignore the result
  return 0;
}

int file_tostring(lua_State* L) {
  luaL_Stream* stream = to_stream(L);
  if (is_closed(stream))
    lua_pushliteral(L, "file (closed)");
  else
    lua_pushfstring(L, "file (%p)", static_cast<void*>(stream->f));
  return 1;
}

// Mode strings accepted by fopen in ISO C: r, w or a, an optional '+', then only 'b's.
bool is_valid_open_mode(const char* mode) {
  if (*mode == '\0' || std::strchr("rwa", *mode) == nullptr) return false;
  ++mode;
  if (*mode == '+') ++mode;
  return std::strspn(mode, "b") == std::strlen(mode);
}

int io_open(lua_State* L) {
  const char* file_name = luaL_checkstring(L, 1);
  const char* mode = luaL_optstring(L, 2, "r");
  luaL_Stream* stream = new_file(L);
  luaL_argcheck(L, is_valid_open_mode(mode), 2, "invalid mode");
  errno = 0;
  stream->f = std::fopen(file_name, mode);
  return stream->f == nullptr ? luaL_fileresult(L, 0, file_name) : 1;
}

int io_popen(lua_State* L) {
  const char* command = luaL_checkstring(L, 1);
  const char* mode = luaL_optstring(L, 2, "r");
  luaL_Stream* stream = new_prefile(L);
  luaL_argcheck(L, (mode[0] == 'r' || mode[0] == 'w') && mode[1] == '\0', 2, "invalid mode");
  errno = 0;
  std::fflush(nullptr);  // the child must not inherit unwritten output
  stream->f = ::popen(command, mode);
  stream->closef = &close_with_pclose;
  return stream->f == nullptr ? luaL_fileresult(L, 0, command) : 1;
}

int io_tmpfile(lua_State* L) {
  luaL_Stream* stream = new_file(L);
  errno = 0;
  stream->f = std::tmpfile();
  return stream->f == nullptr ? luaL_fileresult(L, 0, nullptr) : 1;
}

// Pushes the default file stored under 'key' and returns its FILE*, raising if it was closed.
FILE* default_file(lua_State* L, const char* key) {
  lua_getfield(L, LUA_REGISTRYINDEX, key);
  auto* stream = static_cast<luaL_Stream*>(lua_touserdata(L, -1));
  if (is_closed(stream)) luaL_error(L, "default %s file is closed", key + kKeyPrefixLength);
  return stream->f;
}

int select_default_file(lua_State* L, const char* key, const char* mode) {
  if (!lua_isnoneornil(L, 1)) {
    const char* file_name = lua_tostring(L, 1);
    if (file_name != nullptr) {
      open_or_raise(L, file_name, mode);
    } else {
      to_open_file(L);  // must be an open handle
      lua_pushvalue(L, 1);
    }
    lua_setfield(L, LUA_REGISTRYINDEX, key);
  }
  lua_getfield(L, LUA_REGISTRYINDEX, key);
  return 1;
}

int io_input(lua_State* L) { return select_default_file(L, kInputKey, "r"); }
int io_output(lua_State* L) { return select_default_file(L, kOutputKey, "w"); }

int io_type(lua_State* L) {
  luaL_checkany(L, 1);
  auto* stream = static_cast<luaL_Stream*>(luaL_testudata(L, 1, LUA_FILEHANDLE));
  if (stream == nullptr)
    luaL_pushfail(L);
  else if (is_closed(stream))
    lua_pushliteral(L, "closed file");
  else
    lua_pushliteral(L, "file");
  return 1;
}

// ---- reading ---------------------------------------------------------------------------------

// Longest numeral "n" reads; longer input is not a number (the buffer then holds an empty string).
constexpr int kMaxNumeralLength = 200;

struct NumeralReader {
  FILE* file;
  int current;  // the look-ahead character
  int length;
  char buffer[kMaxNumeralLength + 1];
};

// Accepts the look-ahead into the buffer and reads the next one; fails once the buffer is full.
bool accept_char(NumeralReader* reader) {
  if (reader->length >= kMaxNumeralLength) {
    reader->buffer[0] = '\0';
    return false;
  }
  reader->buffer[reader->length++] = static_cast<char>(reader->current);
  reader->current = getc_unlocked(reader->file);
  return true;
}

bool accept_either(NumeralReader* reader, const char* pair) {
  if (reader->current == pair[0] || reader->current == pair[1]) return accept_char(reader);
  return false;
}

int accept_digits(NumeralReader* reader, bool hexadecimal) {
  int count = 0;
  while ((hexadecimal ? std::isxdigit(reader->current) : std::isdigit(reader->current)) &&
         accept_char(reader))
    ++count;
  return count;
}

// Reads the longest prefix that can start a numeral, then lets lua_stringtonumber judge it, so "n"
// accepts exactly what the Lua lexer accepts (plus surrounding whitespace).
bool read_number(lua_State* L, FILE* file) {
  NumeralReader reader;
  reader.file = file;
  reader.length = 0;
  const char decimal_point[2] = {std::localeconv()->decimal_point[0], '.'};
  int digit_count = 0;
  bool hexadecimal = false;
  flockfile(file);
  do {
    reader.current = getc_unlocked(file);
  } while (std::isspace(reader.current));
  accept_either(&reader, "-+");
  if (accept_either(&reader, "00")) {
    if (accept_either(&reader, "xX"))
      hexadecimal = true;
    else
      digit_count = 1;  // the '0' counts as a digit
  }
  digit_count += accept_digits(&reader, hexadecimal);
  if (accept_either(&reader, decimal_point)) digit_count += accept_digits(&reader, hexadecimal);
  if (digit_count > 0 && accept_either(&reader, hexadecimal ? "pP" : "eE")) {
    accept_either(&reader, "-+");
    accept_digits(&reader, false);
  }
  std::ungetc(reader.current, file);
  funlockfile(file);
  reader.buffer[reader.length] = '\0';
  if (lua_stringtonumber(L, reader.buffer) != 0) return true;
  lua_pushnil(L);
  return false;
}

bool test_eof(lua_State* L, FILE* file) {
  const int ch = std::getc(file);
  std::ungetc(ch, file);
  lua_pushliteral(L, "");
  return ch != EOF;
}

bool read_line(lua_State* L, FILE* file, bool chop) {
  luaL_Buffer buffer;
  int ch = EOF;
  luaL_buffinit(L, &buffer);
  do {
    char* chunk = luaL_prepbuffer(&buffer);
    int used = 0;
    flockfile(file);
    while (used < LUAL_BUFFERSIZE && (ch = getc_unlocked(file)) != EOF && ch != '\n')
      chunk[used++] = static_cast<char>(ch);
    funlockfile(file);
    luaL_addsize(&buffer, used);
  } while (ch != EOF && ch != '\n');
  if (!chop && ch == '\n') luaL_addchar(&buffer, static_cast<char>(ch));
  luaL_pushresult(&buffer);
  return ch == '\n' || lua_rawlen(L, -1) > 0;  // an empty last line is end of file
}

void read_all(lua_State* L, FILE* file) {
  luaL_Buffer buffer;
  luaL_buffinit(L, &buffer);
  size_t got;
  do {
    char* chunk = luaL_prepbuffer(&buffer);
    got = std::fread(chunk, 1, LUAL_BUFFERSIZE, file);
    luaL_addsize(&buffer, got);
  } while (got == static_cast<size_t>(LUAL_BUFFERSIZE));
  luaL_pushresult(&buffer);
}

bool read_chars(lua_State* L, FILE* file, size_t count) {
  luaL_Buffer buffer;
  luaL_buffinit(L, &buffer);
  char* chunk = luaL_prepbuffsize(&buffer, count);
  const size_t got = std::fread(chunk, 1, count, file);
  luaL_addsize(&buffer, got);
  luaL_pushresult(&buffer);
  return got > 0;
}

// Reads with the formats at stack indices first..top; returns the number of results pushed.
int read_formats(lua_State* L, FILE* file, int first) {
  int remaining = lua_gettop(L) - 1;
  int index = first;
  bool success = true;
  std::clearerr(file);
  errno = 0;
  if (remaining == 0) {
    success = read_line(L, file, true);
    index = first + 1;
  } else {
    luaL_checkstack(L, remaining + LUA_MINSTACK, "too many arguments");
    for (index = first; remaining-- && success; ++index) {
      if (lua_type(L, index) == LUA_TNUMBER) {
        const size_t count = static_cast<size_t>(luaL_checkinteger(L, index));
        success = count == 0 ? test_eof(L, file) : read_chars(L, file, count);
        continue;
      }
      const char* format = luaL_checkstring(L, index);
      if (*format == '*') ++format;  // 5.2-style "*l" is still accepted
      switch (*format) {
        case 'n':
          success = read_number(L, file);
          break;
        case 'l':
          success = read_line(L, file, true);
          break;
        case 'L':
          success = read_line(L, file, false);
          break;
        case 'a':
          read_all(L, file);
          success = true;
          break;
        default:
          return luaL_argerror(L, index, "invalid format");
      }
    }
  }
  if (std::ferror(file)) return luaL_fileresult(L, 0, nullptr);
  if (!success) {
    lua_pop(L, 1);  // the failed read's partial value
    luaL_pushfail(L);
  }
  return index - first;
}

int io_read(lua_State* L) { return read_formats(L, default_file(L, kInputKey), 1); }
int file_read(lua_State* L) { return read_formats(L, to_open_file(L), 2); }

// Iterator behind lines(): upvalues are the handle, the format count, whether to close at the end,
// then the formats.
int lines_step(lua_State* L) {
  auto* stream = static_cast<luaL_Stream*>(lua_touserdata(L, lua_upvalueindex(1)));
  int count = static_cast<int>(lua_tointeger(L, lua_upvalueindex(2)));
  if (is_closed(stream)) return luaL_error(L, "file is already closed");
  lua_settop(L, 1);
  luaL_checkstack(L, count, "too many arguments");
  for (int index = 1; index <= count; ++index) lua_pushvalue(L, lua_upvalueindex(3 + index));
  count = read_formats(L, stream->f, 2);
  if (lua_toboolean(L, -count)) return count;
  if (count > 1) return luaL_error(L, "%s", lua_tostring(L, -count + 1));  // a read error message
  if (lua_toboolean(L, lua_upvalueindex(3))) {
    lua_settop(L, 0);
    lua_pushvalue(L, lua_upvalueindex(1));
    close_handle(L);
  }
  return 0;
}

// Builds the lines iterator from the handle at index 1 and the formats after it.
void push_lines_iterator(lua_State* L, bool close_at_end) {
  const int format_count = lua_gettop(L) - 1;
  luaL_argcheck(L, format_count <= kMaxLinesFormats, kMaxLinesFormats + 2, "too many arguments");
  lua_pushvalue(L, 1);
  lua_pushinteger(L, format_count);
  lua_pushboolean(L, close_at_end);
  lua_rotate(L, 2, 3);  // handle, count, flag go before the formats
  lua_pushcclosure(L, lines_step, 3 + format_count);
}

int file_lines(lua_State* L) {
  to_open_file(L);
  push_lines_iterator(L, false);
  return 1;
}

int io_lines(lua_State* L) {
  if (lua_isnone(L, 1)) lua_pushnil(L);
  const bool close_at_end = !lua_isnil(L, 1);
  if (!close_at_end) {
    lua_getfield(L, LUA_REGISTRYINDEX, kInputKey);
    lua_replace(L, 1);
    to_open_file(L);
  } else {
    const char* file_name = luaL_checkstring(L, 1);
    open_or_raise(L, file_name, "r");
    lua_replace(L, 1);
  }
  push_lines_iterator(L, close_at_end);
  if (!close_at_end) return 1;
  // For a generic for: iterator, nil, nil, and the file as the to-be-closed value.
  lua_pushnil(L);
  lua_pushnil(L);
  lua_pushvalue(L, 1);
  return 4;
}

// ---- writing and positioning -----------------------------------------------------------------

// Writes the values from 'argument' up to just below the top; the handle on top is the result.
int write_values(lua_State* L, FILE* file, int argument) {
  int remaining = lua_gettop(L) - argument;
  bool success = true;
  errno = 0;
  for (; remaining--; ++argument) {
    if (lua_type(L, argument) == LUA_TNUMBER) {
      const int written =
          lua_isinteger(L, argument)
              ? std::fprintf(file, LUA_INTEGER_FMT, static_cast<LUAI_UACINT>(lua_tointeger(L, argument)))
              : std::fprintf(file, LUA_NUMBER_FMT, static_cast<LUAI_UACNUMBER>(lua_tonumber(L, argument)));
      success = success && written > 0;
    } else {
      size_t length = 0;
      const char* text = luaL_checklstring(L, argument, &length);
      success = success && std::fwrite(text, 1, length, file) == length;
    }
  }
  if (success) return 1;
  return luaL_fileresult(L, 0, nullptr);
}

int io_write(lua_State* L) {
  FILE* file = default_file(L, kOutputKey);  // pushes the handle: it is the result
  return write_values(L, file, 1);
}

int file_write(lua_State* L) {
  FILE* file = to_open_file(L);
  lua_pushvalue(L, 1);
  return write_values(L, file, 2);
}

int file_seek(lua_State* L) {
  static const int whence_codes[] = {SEEK_SET, SEEK_CUR, SEEK_END};
  static const char* const whence_names[] = {"set", "cur", "end", nullptr};
  FILE* file = to_open_file(L);
  const int whence = luaL_checkoption(L, 2, "cur", whence_names);
  const lua_Integer requested = luaL_optinteger(L, 3, 0);
  const off_t offset = static_cast<off_t>(requested);
  luaL_argcheck(L, static_cast<lua_Integer>(offset) == requested, 3, "not an integer in proper range");
  errno = 0;
  if (fseeko(file, offset, whence_codes[whence]) != 0) return luaL_fileresult(L, 0, nullptr);
  lua_pushinteger(L, static_cast<lua_Integer>(ftello(file)));
  return 1;
}

int file_setvbuf(lua_State* L) {
  static const int buffer_modes[] = {_IONBF, _IOFBF, _IOLBF};
  static const char* const buffer_mode_names[] = {"no", "full", "line", nullptr};
  FILE* file = to_open_file(L);
  const int mode = luaL_checkoption(L, 2, nullptr, buffer_mode_names);
  const lua_Integer size = luaL_optinteger(L, 3, LUAL_BUFFERSIZE);
  errno = 0;
  const int result = std::setvbuf(file, nullptr, buffer_modes[mode], static_cast<size_t>(size));
  return luaL_fileresult(L, result == 0, nullptr);
}

int io_flush(lua_State* L) {
  FILE* file = default_file(L, kOutputKey);
  errno = 0;
  return luaL_fileresult(L, std::fflush(file) == 0, nullptr);
}

int file_flush(lua_State* L) {
  FILE* file = to_open_file(L);
  errno = 0;
  return luaL_fileresult(L, std::fflush(file) == 0, nullptr);
}

constexpr luaL_Reg kLibraryFunctions[] = {
    {"close", io_close},     {"flush", io_flush},   {"input", io_input}, {"lines", io_lines},
    {"open", io_open},       {"output", io_output}, {"popen", io_popen}, {"read", io_read},
    {"tmpfile", io_tmpfile}, {"type", io_type},     {"write", io_write}, {nullptr, nullptr},
};

constexpr luaL_Reg kMethods[] = {
    {"read", file_read}, {"write", file_write}, {"lines", file_lines},     {"flush", file_flush},
    {"seek", file_seek}, {"close", file_close}, {"setvbuf", file_setvbuf}, {nullptr, nullptr},
};

constexpr luaL_Reg kMetamethods[] = {
    {"__index", nullptr},  // filled with the method table below
    {"__gc", file_gc},    {"__close", file_gc}, {"__tostring", file_tostring}, {nullptr, nullptr},
};

void create_file_metatable(lua_State* L) {
  luaL_newmetatable(L, LUA_FILEHANDLE);  // also sets __name = "FILE*"
  luaL_setfuncs(L, kMetamethods, 0);
  luaL_newlibtable(L, kMethods);
  luaL_setfuncs(L, kMethods, 0);
  lua_setfield(L, -2, "__index");
  lua_pop(L, 1);
}

void create_standard_file(lua_State* L, FILE* file, const char* registry_key, const char* field_name) {
  luaL_Stream* stream = new_prefile(L);
  stream->f = file;
  stream->closef = &refuse_close;
  if (registry_key != nullptr) {
    lua_pushvalue(L, -1);
    lua_setfield(L, LUA_REGISTRYINDEX, registry_key);
  }
  lua_setfield(L, -2, field_name);
}

}  // namespace
}  // namespace luna::stdlib::io

LUAMOD_API int luaopen_io(lua_State* L) {
  using namespace luna::stdlib::io;
  luaL_newlib(L, kLibraryFunctions);
  create_file_metatable(L);
  create_standard_file(L, stdin, kInputKey, "stdin");
  create_standard_file(L, stdout, kOutputKey, "stdout");
  create_standard_file(L, stderr, nullptr, "stderr");
  return 1;
}
