// Binary chunks out: lua_dump / string.dump (heap Protos) and lunac (blueprints). The format is
// described in runtime/chunk_format.h. strip drops the debug information (source, lines, local and
// upvalue names).
#pragma once

#include <string>

#include "bytecode/blueprint.h"
#include "object/objects.h"

typedef int (*lua_Writer)(lua_State* L, const void* p, size_t sz, void* ud);

namespace luna::runtime {

// Writes through `writer` in pieces (it may raise: nothing here owns resources). Returns 0, or the
// first non-zero status the writer returned (writing stops there), as lua_dump.
int dump_proto(lua_State* L, const luna::Proto* p, lua_Writer writer, void* data, bool strip);
// The same encoding from a compiled blueprint (no heap involved; throws std::bad_alloc only).
std::string dump_blueprint(const bytecode::Blueprint& bp, bool strip);

}  // namespace luna::runtime
