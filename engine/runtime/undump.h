// Binary chunks in: verifies an untrusted chunk completely and turns it into a blueprint, which the
// loader materializes like compiled source. Pure C++: never touches the Lua heap.
// Errors are the 5.4 messages "<name>: bad binary format (<why>)" where <name> is the chunk name
// without its '@'/'=' prefix ("binary string" when it starts with "\x1b") and <why> one of
// "truncated chunk", "not a binary chunk", "version mismatch", "format mismatch", "corrupted chunk",
// "Instruction size mismatch", "lua_Integer size mismatch", "lua_Number size mismatch",
// "integer format mismatch", "float format mismatch". A chunk whose body breaks a blueprint
// invariant (bytecode/blueprint.h: operand ranges, jump targets, constant kinds, upvalue
// descriptors, EXTRAARG placement, nesting depth) is "corrupted chunk": such a chunk can never
// reach the VM.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <variant>

#include "bytecode/blueprint.h"

namespace luna::runtime {

using UndumpResult = std::variant<std::unique_ptr<bytecode::Blueprint>, std::string>;

UndumpResult undump(std::string_view bytes, std::string_view chunkname);

// The structural checks alone (also usable on compiler output in tests). Returns an empty string
// when bp (and its children) satisfies every blueprint invariant, else a short reason.
std::string verify_blueprint(const bytecode::Blueprint& bp);

}  // namespace luna::runtime
