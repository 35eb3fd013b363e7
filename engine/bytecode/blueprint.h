// Proto blueprint: a compiled function as plain C++ data, with no dependency on the heap or the GC.
// Producers: the compiler (from source) and the undumper (from a binary chunk). Consumer: the loader
// (runtime/load), which turns a blueprint tree into heap Protos and a closure.
// Invariants the producers guarantee (the undumper verifies them for untrusted input):
//  - every register operand < max_stack_size <= 255; every K index < constants.size();
//  - every jump lands inside code; code ends with a RETURN* instruction;
//  - line_info.size() == code.size() (line of each instruction);
//  - upvalue 0 of a main chunk is _ENV (in_stack = true, index = 0 when the loader binds it).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "bytecode/opcodes.h"

namespace luna::bytecode {

struct Nil {
  bool operator==(const Nil&) const = default;
};

// A constant: nil, boolean, integer, float, or string (byte string, may contain zeros).
using Constant = std::variant<Nil, bool, std::int64_t, double, std::string>;

enum class UpvalueKind : std::uint8_t {
  regular,      // a plain local of the enclosing function (or an upvalue of it)
  constant,     // captured <const> local (compile-time constants are folded away, never captured)
  to_be_closed  // captured <close> local
};

struct UpvalueDesc {
  std::string name;      // empty when stripped
  bool in_stack = false; // true: register `index` of the enclosing function; false: its upvalue `index`
  std::uint8_t index = 0;
  UpvalueKind kind = UpvalueKind::regular;
};

struct LocalVarInfo {
  std::string name;
  int start_pc = 0;  // first instruction where the variable is active
  int end_pc = 0;    // first instruction where it is dead
};

struct Blueprint {
  std::vector<Instruction> code;
  std::vector<Constant> constants;
  std::vector<std::unique_ptr<Blueprint>> children;  // CLOSURE Bx indexes this
  std::vector<UpvalueDesc> upvalues;
  std::uint8_t num_params = 0;
  bool is_vararg = false;
  std::uint8_t max_stack_size = 2;  // registers used, always >= 2
  // Debug information (may be stripped: then line_info, locals and upvalue names are empty).
  std::string source;     // chunk name as given to load ("=stdin", "@file.lua", or the text itself)
  int line_defined = 0;   // 0 for a main chunk
  int last_line_defined = 0;
  std::vector<int> line_info;  // line of each instruction
  std::vector<LocalVarInfo> locals;  // in order of declaration (register = declaration order among active)
};

}  // namespace luna::bytecode
