// Loading: the one place where the front end (plain-data Blueprints) meets the heap.
// materialize() turns a Blueprint tree into heap Protos (constants interned, debug info converted)
// and leaves a new Lua closure for it on the stack, with fresh closed upvalues.
// load() is lua_load: reads the whole chunk from the reader into a heap buffer, tells binary
// ("\x1bLua") from text, checks `mode`, compiles or undumps, materialises, binds upvalue 1 to the
// globals table and leaves the closure on the stack. On error it leaves the message instead and
// returns LUA_ERRSYNTAX / LUA_ERRMEM (or the reader's error status).
#pragma once

#include <cstddef>

#include "bytecode/blueprint.h"
#include "object/state.h"

namespace luna::load {

using Reader = const char* (*)(lua_State* L, void* data, std::size_t* size);  // lua_Reader

LClosure* materialize(lua_State* L, const bytecode::Blueprint& blueprint);  // pushes the closure
int load(lua_State* L, Reader reader, void* data, const char* chunkname, const char* mode);

}  // namespace luna::load
