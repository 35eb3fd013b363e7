// Debug information: what lua_getstack/lua_getinfo/lua_getlocal report, and the variable/function
// names that error messages use ("attempt to call a nil value (global 'f')").
// Frame convention (shared with the VM): for a Lua frame, CallInfo::u.l.saved_pc points to the
// instruction AFTER the one being executed (as PUC's savedpc), so the current pc is saved_pc - 1.
// Varargs follow PUC's layout: the n_extra_args extra arguments sit just below ci->func.
// Names come from symbolic execution over the bytecode, as 5.4's getobjname/funcnamefromcode:
// kinds "global", "local", "method", "field", "upvalue", "constant", "for iterator", "metamethod",
// "hook". None of these functions raise, except the lua_* ones that create tables/strings.
#pragma once

#include <cstddef>

#include "object/state.h"

namespace luna::runtime {

// Writes "" or " (local 'x')" / " (global 'x')" / " (field 'x')" / " (upvalue 'x')" /
// " (constant 'x')" / " (method 'x')" for a value that is a register or upvalue of the running Lua
// function (L->ci), truncated to out_size (always '\0'-terminated).
void variable_info(lua_State* L, const luna::Value* v, char* out, std::size_t out_size);
// The same text for the VM's messages: returns a static "" when there is nothing to say, else
// pushes the text on the stack (one slot) and returns it.
const char* variable_info(lua_State* L, const luna::Value* v);
// How the function called from frame `ci` was named by its caller (ci is the CALLING frame, as
// 5.4's funcnamefromcall): returns the kind ("global", "method", "metamethod", ...) and sets
// *name, or returns null when nothing sensible is known.
const char* function_name(lua_State* L, luna::CallInfo* ci, const char** name);
// Line being executed in frame ci (-1 for C frames or without line information) and the index of
// the instruction being executed in Lua frame ci (the VM's error messages use them too; defined in
// runtime/frame_position.cpp).
int current_line(luna::CallInfo* ci);
int current_pc(luna::CallInfo* ci);
// Line of instruction pc of p, or -1 when p has no line information.
int line_of(const Proto* p, int pc);

// Symbolic execution (debug_names.cpp): name of register `reg` at instruction `last_pc` of p.
const char* object_name(const Proto* p, int last_pc, int reg, const char** name);

}  // namespace luna::runtime
