// Front-end entry point: Lua source text -> Blueprint (plain data; see bytecode/blueprint.h).
// Contract: never throws and never touches the Lua heap. On error returns a CompileError whose
// message is exactly what Lua 5.4 reports, e.g. `[string "x = "]:1: unexpected symbol near <eof>`
// (chunk id formatted as base::chunk_id). `incomplete` is true when the error is at <eof>, which the
// REPL uses to ask for more input. Memory exhaustion is reported with kind = memory.
// Nesting deeper than the reference's C-call limit (200 levels, counting `c_levels_in_use` that the
// caller already spent, as lua_load's nCcalls does) gives kind = c_stack_overflow with the message
// "C stack overflow" and no position: the reference raises it as a runtime error (luaG_runerror),
// so the loader should raise it the same way (through the message handler).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <variant>

#include "bytecode/blueprint.h"

namespace luna::compiler {

struct CompileError {
  enum class Kind { syntax, memory, c_stack_overflow } kind = Kind::syntax;
  std::string message;
  bool incomplete = false;
};

using CompileResult = std::variant<std::unique_ptr<bytecode::Blueprint>, CompileError>;

// `chunkname` is as given to lua_load ("@file.lua", "=stdin", or the source itself).
CompileResult compile(std::string_view source, std::string_view chunkname, int c_levels_in_use = 0);

}  // namespace luna::compiler
