// Shared pieces of the `luna` stand-alone interpreter (luna.cpp: options and script running;
// repl.cpp: the read-eval-print loop). Everything here works on the public C API only
// (lua.h/lauxlib.h/lualib.h), so the interpreter is also a client-side test of that API.
// Contract: `run_protected` calls a loaded chunk under a message handler that adds a traceback and
// with SIGINT turned into an "interrupted!" error; `report` prints a failed status's message as
// "<progname>: <message>" on stderr. These functions run inside lua_pcall of the interpreter's main
// function and may be unwound by a Lua error: they hold no objects with destructors.
#pragma once

#include "lua.h"

namespace luna::cli {

// Name printed in front of error messages: argv[0] as given (like lua.c), or nullptr in the REPL.
extern const char* program_name;

// Prints "<program_name>: <message>\n" (without the prefix when program_name is null) on stderr.
void print_message(const char* program, const char* message);

// When `status` is not LUA_OK, prints the error object on the stack top and pops it.
int report(lua_State* L, int status);

// Calls the function below `argument_count` arguments on the stack with a traceback handler.
int run_protected(lua_State* L, int argument_count, int result_count);

// The interactive loop: prompts (_PROMPT/_PROMPT2), tries "return <line>" first, continues
// incomplete statements, prints results with `print`; returns at end of input.
void run_repl(lua_State* L);

}  // namespace luna::cli
