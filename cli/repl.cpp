// The read-eval-print loop of `luna` (interactive mode), with GNU readline line editing and
// history when libreadline can be loaded, plain line reading otherwise. Behaviour follows lua.c
// 5.4: a line is first compiled as "return <line>;" (so an expression prints its values); if that
// fails it is compiled as a statement, and while the syntax error ends in "<eof>" more lines are
// read with the continuation prompt. Errors are reported without the program name and the loop
// goes on; end of input ends it.
// Lines are kept on the Lua stack (not in C++ strings) because Lua errors may unwind through here.
// readline is opened with dlopen when the REPL starts rather than linked: linking it made every
// run of a script pay for loading and relocating libreadline and libtinfo (a fifth of the start-up
// time of an empty script), though only the REPL uses them.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <initializer_list>

#include <dlfcn.h>

#include "interpreter.h"
#include "lauxlib.h"

namespace luna::cli {

namespace {

constexpr const char* kPrompt = "> ";
constexpr const char* kContinuationPrompt = ">> ";
constexpr const char* kEndOfInputMark = "<eof>";
constexpr int kMaxPlainLine = 512;  // lua.c's LUA_MAXINPUT: longer lines arrive in pieces

// The few readline entry points the REPL uses, resolved from the shared library at run time.
struct LineEditor {
  char* (*read_line)(const char* prompt) = nullptr;  // readline(): a malloc'ed line, null at EOF
  void (*add_history)(const char* line) = nullptr;
};

LineEditor line_editor;

// Loads libreadline (any of the usual sonames); leaves line_editor empty when it is missing, in
// which case lines are read with fgets as lua.c does when built without readline.
void load_line_editor() {
  for (const char* soname : {"libreadline.so.8", "libreadline.so"}) {
    void* library = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
    if (library == nullptr) continue;
    auto read_line = reinterpret_cast<char* (*)(const char*)>(dlsym(library, "readline"));
    auto add_history = reinterpret_cast<void (*)(const char*)>(dlsym(library, "add_history"));
    auto application_name = static_cast<const char**>(dlsym(library, "rl_readline_name"));
    if (read_line == nullptr || add_history == nullptr) {
      dlclose(library);
      continue;
    }
    if (application_name != nullptr) *application_name = "luna";  // for `$if luna` in ~/.inputrc
    line_editor = {read_line, add_history};
    return;
  }
}

// Without readline: prompt on stdout, one line from stdin into a malloc'ed buffer (as readline).
char* read_plain_line(const char* prompt_text) {
  std::fputs(prompt_text, stdout);
  std::fflush(stdout);
  char* buffer = static_cast<char*>(std::malloc(kMaxPlainLine));
  if (buffer != nullptr && std::fgets(buffer, kMaxPlainLine, stdin) != nullptr) return buffer;
  std::free(buffer);
  return nullptr;
}

// Leaves the prompt's string (or nil) on the stack to keep it alive while readline shows it.
const char* prompt(lua_State* L, bool first_line) {
  if (lua_getglobal(L, first_line ? "_PROMPT" : "_PROMPT2") == LUA_TNIL)
    return first_line ? kPrompt : kContinuationPrompt;
  const char* text = luaL_tolstring(L, -1, nullptr);
  lua_remove(L, -2);
  return text;
}

// A syntax error at the end of the text means the statement may continue on the next line.
bool is_incomplete(lua_State* L, int status) {
  if (status != LUA_ERRSYNTAX) return false;
  size_t length = 0;
  const char* message = lua_tolstring(L, -1, &length);
  const size_t mark_length = std::strlen(kEndOfInputMark);
  return length >= mark_length && std::strcmp(message + length - mark_length, kEndOfInputMark) == 0;
}

// Reads one line and pushes it (without its newline); false at end of input.
bool push_line(lua_State* L, bool first_line) {
  const char* prompt_text = prompt(L, first_line);
  char* line = line_editor.read_line != nullptr ? line_editor.read_line(prompt_text)
                                                : read_plain_line(prompt_text);
  lua_pop(L, 1);
  if (line == nullptr) return false;
  size_t length = std::strlen(line);
  if (length > 0 && line[length - 1] == '\n') line[--length] = '\0';
  if (first_line && line[0] == '=')  // "=expr" is accepted as in Lua 5.2
    lua_pushfstring(L, "return %s", line + 1);
  else
    lua_pushlstring(L, line, length);
  std::free(line);
  return true;
}

void remember(const char* line) {
  if (line[0] != '\0' && line_editor.add_history != nullptr) line_editor.add_history(line);
}

// Tries the line on the stack as "return <line>;". On success replaces it with the function.
int load_as_expression(lua_State* L) {
  const char* line = lua_tostring(L, -1);
  const char* expression = lua_pushfstring(L, "return %s;", line);
  const int status = luaL_loadbuffer(L, expression, std::strlen(expression), "=stdin");
  if (status == LUA_OK) {
    lua_remove(L, -2);
    remember(line);
  } else {
    lua_pop(L, 2);
  }
  return status;
}

// Compiles the text at stack index 1 as a statement, reading continuation lines while needed.
int load_as_statement(lua_State* L) {
  for (;;) {
    size_t length = 0;
    const char* text = lua_tolstring(L, 1, &length);
    const int status = luaL_loadbuffer(L, text, length, "=stdin");
    if (!is_incomplete(L, status) || !push_line(L, false)) {
      remember(text);
      return status;
    }
    lua_remove(L, -2);  // the "<eof>" error
    lua_pushliteral(L, "\n");
    lua_insert(L, -2);
    lua_concat(L, 3);  // previous text .. "\n" .. new line
  }
}

// Leaves exactly one value: the compiled function or an error message. -1 at end of input.
int load_next(lua_State* L) {
  lua_settop(L, 0);
  if (!push_line(L, true)) return -1;
  int status = load_as_expression(L);
  if (status != LUA_OK) status = load_as_statement(L);
  lua_remove(L, 1);
  return status;
}

void print_results(lua_State* L) {
  const int count = lua_gettop(L);
  if (count == 0) return;
  luaL_checkstack(L, LUA_MINSTACK, "too many results to print");
  lua_getglobal(L, "print");
  lua_insert(L, 1);
  if (lua_pcall(L, count, 0, 0) != LUA_OK)
    print_message(program_name,
                  lua_pushfstring(L, "error calling 'print' (%s)", lua_tostring(L, -1)));
}

}  // namespace

void run_repl(lua_State* L) {
  const char* saved_program_name = program_name;
  program_name = nullptr;  // interactive errors are printed without the program name
  if (line_editor.read_line == nullptr) load_line_editor();
  int status = 0;
  while ((status = load_next(L)) != -1) {
    if (status == LUA_OK) status = run_protected(L, 0, LUA_MULTRET);
    if (status == LUA_OK)
      print_results(L);
    else
      report(L, status);
  }
  lua_settop(L, 0);
  std::fputs("\n", stdout);
  std::fflush(stdout);
  program_name = saved_program_name;
}

}  // namespace luna::cli
