// The debug interface of the C API (lua_getstack, lua_getinfo, locals, upvalues, hooks) and the
// frame helpers error messages use. See debug.h for the frame conventions shared with the VM.
#include "runtime/debug.h"

#include <cstring>

#include "base/chunkid.h"
#include "capi/index.h"
#include "gc/gc.h"
#include "lua.h"
#include "object/functions.h"
#include "object/tables.h"
#include "vm/interrupt.h"

namespace luna::runtime {

namespace {

bool is_lua_frame(const CallInfo* ci) {
  return (ci->call_status & cist::c) == 0 && ci->func->is_lua_closure();
}

CallInfo* frame_of(const lua_Debug* ar) { return reinterpret_cast<CallInfo*>(ar->i_ci); }

void set_frame(lua_Debug* ar, CallInfo* ci) {
  ar->i_ci = reinterpret_cast<decltype(ar->i_ci)>(ci);
}

const char* vararg_slot(CallInfo* ci, int n, StackId* pos) {
  const Proto* p = as_lclosure(*ci->func)->p;
  if (p->is_vararg) {
    int extra = ci->u.l.n_extra_args;
    if (n >= -extra) {  // n is negative: -1 is the first extra argument
      *pos = ci->func - extra - (n + 1);
      return "(vararg)";
    }
  }
  return nullptr;
}

// 5.4's luaG_findlocal: the name of local n of frame ci and its slot.
const char* find_local(lua_State* L, CallInfo* ci, int n, StackId* pos) {
  StackId base = ci->func + 1;
  const char* name = nullptr;
  if (is_lua_frame(ci)) {
    if (n < 0) return vararg_slot(ci, n, pos);
    name = functions::local_name(as_lclosure(*ci->func)->p, n, current_pc(ci));
  }
  if (name == nullptr) {
    StackId limit = ci == L->ci ? L->top : ci->next->func;
    if (limit - base >= n && n > 0)
      name = is_lua_frame(ci) ? "(temporary)" : "(C temporary)";
    else
      return nullptr;
  }
  *pos = base + (n - 1);
  return name;
}

void function_info(lua_Debug* ar, const Value* func) {
  if (!func->is_lua_closure()) {
    ar->source = "=[C]";
    ar->srclen = 4;
    ar->linedefined = -1;
    ar->lastlinedefined = -1;
    ar->what = "C";
  } else {
    const Proto* p = as_lclosure(*func)->p;
    if (p->source != nullptr) {
      ar->source = p->source->chars();
      ar->srclen = p->source->length();
    } else {
      ar->source = "=?";
      ar->srclen = 2;
    }
    ar->linedefined = p->line_defined;
    ar->lastlinedefined = p->last_line_defined;
    ar->what = p->line_defined == 0 ? "main" : "Lua";
  }
  std::string id = base::chunk_id(std::string_view(ar->source, ar->srclen));
  std::size_t n = id.size() < LUA_IDSIZE - 1 ? id.size() : LUA_IDSIZE - 1;
  std::memcpy(ar->short_src, id.data(), n);
  ar->short_src[n] = '\0';
}

// Pushes the table of lines with code ('L'), or nil for a C function.
void push_active_lines(lua_State* L, const Value* func) {
  if (!func->is_lua_closure()) {
    L->top->set_nil();
    capi::increment_top(L);
    return;
  }
  const Proto* p = as_lclosure(*func)->p;
  Table* t = tables::new_table(L);
  set_table(*L->top, t);
  capi::increment_top(L);
  Value yes = Value::from_bool(true);
  for (int pc = 0; pc < p->size_line_info; pc++) tables::set_int(L, t, p->line_info[pc], yes);
}

int fill_info(lua_State* L, const char* what, lua_Debug* ar, const Value* func, CallInfo* ci) {
  int status = 1;
  for (; *what != '\0'; what++) {
    switch (*what) {
      case 'S':
        function_info(ar, func);
        break;
      case 'l':
        ar->currentline = ci != nullptr && is_lua_frame(ci) ? current_line(ci) : -1;
        break;
      case 'u':
        if (func->is_lua_closure()) {
          const LClosure* cl = as_lclosure(*func);
          ar->nups = cl->nupvalues;
          ar->isvararg = cl->p->is_vararg != 0;
          ar->nparams = cl->p->num_params;
        } else {
          ar->nups = func->is_c_closure() ? as_cclosure(*func)->nupvalues : 0;
          ar->isvararg = 1;
          ar->nparams = 0;
        }
        break;
      case 't':
        ar->istailcall = ci != nullptr && (ci->call_status & cist::tail) != 0;
        break;
      case 'n':
        ar->namewhat = nullptr;
        if (ci != nullptr && (ci->call_status & cist::tail) == 0)
          ar->namewhat = function_name(L, ci->previous, &ar->name);
        if (ar->namewhat == nullptr) {
          ar->namewhat = "";
          ar->name = nullptr;
        }
        break;
      case 'r':
        if (ci == nullptr || (ci->call_status & cist::transfer) == 0) {
          ar->ftransfer = ar->ntransfer = 0;
        } else {
          ar->ftransfer = ci->u2.transfer_info.first_transfer;
          ar->ntransfer = ci->u2.transfer_info.n_transfer;
        }
        break;
      case 'L':
      case 'f':
        break;  // handled by lua_getinfo (they push values)
      default:
        status = 0;
    }
  }
  return status;
}

// The value of upvalue n (1-based) of closure fi, its owner for the GC barrier, and its name.
const char* upvalue_slot(Value* fi, int n, Value** val, GCObject** owner) {
  if (fi->is_c_closure()) {
    CClosure* f = as_cclosure(*fi);
    if (static_cast<unsigned>(n) - 1u >= f->nupvalues) return nullptr;
    *val = &f->upvalue[n - 1];
    *owner = f;
    return "";
  }
  if (fi->is_lua_closure()) {
    LClosure* f = as_lclosure(*fi);
    const Proto* p = f->p;
    if (static_cast<unsigned>(n) - 1u >= static_cast<unsigned>(p->size_upvalues)) return nullptr;
    if (f->upvals[n - 1] == nullptr) return nullptr;
    *val = f->upvals[n - 1]->v.p;
    *owner = f->upvals[n - 1];
    const String* name = p->upvalues[n - 1].name;
    return name == nullptr ? "(no name)" : name->chars();
  }
  return nullptr;
}

// Slot holding upvalue n of the Lua closure at fidx (null when out of range).
UpVal** upvalue_reference(lua_State* L, int fidx, int n, LClosure** owner) {
  Value* fi = capi::index_to_value(L, fidx);
  LUNA_API_CHECK(L, fi->is_lua_closure(), "Lua function expected");
  if (!fi->is_lua_closure()) return nullptr;
  LClosure* f = as_lclosure(*fi);
  if (owner != nullptr) *owner = f;
  if (n < 1 || n > f->p->size_upvalues) return nullptr;
  return &f->upvals[n - 1];
}

}  // namespace

int line_of(const Proto* p, int pc) {
  if (p->line_info == nullptr || pc < 0 || pc >= p->size_line_info) return -1;
  return p->line_info[pc];
}

}  // namespace luna::runtime

using namespace luna;

LUA_API int lua_getstack(lua_State* L, int level, lua_Debug* ar) {
  if (level < 0) return 0;
  luna::CallInfo* ci = L->ci;
  for (; level > 0 && ci != &L->base_ci; ci = ci->previous) level--;
  if (level != 0 || ci == &L->base_ci) return 0;
  runtime::set_frame(ar, ci);
  return 1;
}

LUA_API int lua_getinfo(lua_State* L, const char* what, lua_Debug* ar) {
  luna::CallInfo* ci;
  Value func;
  if (*what == '>') {
    ci = nullptr;
    func = L->top[-1];
    LUNA_API_CHECK(L, func.is_function(), "function expected");
    what++;
    L->top--;
  } else {
    ci = runtime::frame_of(ar);
    func = *ci->func;
  }
  int status = runtime::fill_info(L, what, ar, &func, ci);
  if (std::strchr(what, 'f') != nullptr) {
    *L->top = func;
    capi::increment_top(L);
  }
  if (std::strchr(what, 'L') != nullptr) runtime::push_active_lines(L, &func);
  return status;
}

LUA_API const char* lua_getlocal(lua_State* L, const lua_Debug* ar, int n) {
  if (ar == nullptr) {  // parameters of the function on top (not active)
    const Value& f = L->top[-1];
    if (!f.is_lua_closure()) return nullptr;
    return functions::local_name(as_lclosure(f)->p, n, 0);
  }
  StackId pos = nullptr;
  const char* name = runtime::find_local(L, runtime::frame_of(ar), n, &pos);
  if (name != nullptr) {
    *L->top = *pos;
    capi::increment_top(L);
  }
  return name;
}

LUA_API const char* lua_setlocal(lua_State* L, const lua_Debug* ar, int n) {
  StackId pos = nullptr;
  const char* name = runtime::find_local(L, runtime::frame_of(ar), n, &pos);
  if (name != nullptr) {
    *pos = L->top[-1];
    L->top--;
  }
  return name;
}

LUA_API void lua_sethook(lua_State* L, lua_Hook func, int mask, int count) {
  if (func == nullptr || mask == 0) {
    mask = 0;
    func = nullptr;
  }
  L->hook = func;
  L->base_hook_count = count;
  L->hook_count = count;
  L->hook_mask = mask;
  if (mask != 0) {  // make every running Lua frame re-check hooks
    for (luna::CallInfo* ci = L->ci; ci != nullptr; ci = ci->previous)
      if (runtime::is_lua_frame(ci)) ci->u.l.trap = 1;
    luna::vm::interrupt::hooks_changed(L);  // loops re-read the trap at their next back edge
  }
}

LUA_API lua_Hook lua_gethook(lua_State* L) { return L->hook; }
LUA_API int lua_gethookmask(lua_State* L) { return L->hook_mask; }
LUA_API int lua_gethookcount(lua_State* L) { return L->base_hook_count; }

LUA_API const char* lua_getupvalue(lua_State* L, int funcindex, int n) {
  Value* val = nullptr;
  GCObject* owner = nullptr;
  const char* name = runtime::upvalue_slot(capi::index_to_value(L, funcindex), n, &val, &owner);
  if (name != nullptr) {
    *L->top = *val;
    capi::increment_top(L);
  }
  return name;
}

LUA_API const char* lua_setupvalue(lua_State* L, int funcindex, int n) {
  Value* val = nullptr;
  GCObject* owner = nullptr;
  capi::check_elements(L, 1);
  const char* name = runtime::upvalue_slot(capi::index_to_value(L, funcindex), n, &val, &owner);
  if (name != nullptr) {
    L->top--;
    *val = *L->top;
    gc::barrier(L, owner, *val);
  }
  return name;
}

LUA_API void* lua_upvalueid(lua_State* L, int fidx, int n) {
  Value* fi = capi::index_to_value(L, fidx);
  if (fi->is_lua_closure()) {
    UpVal** ref = runtime::upvalue_reference(L, fidx, n, nullptr);
    return ref == nullptr ? nullptr : *ref;
  }
  if (fi->is_c_closure()) {
    CClosure* f = as_cclosure(*fi);
    if (1 <= n && n <= f->nupvalues) return &f->upvalue[n - 1];
    return nullptr;
  }
  LUNA_API_CHECK(L, fi->is_light_cfunction(), "function expected");
  return nullptr;
}

LUA_API void lua_upvaluejoin(lua_State* L, int fidx1, int n1, int fidx2, int n2) {
  LClosure* f1 = nullptr;
  UpVal** up1 = runtime::upvalue_reference(L, fidx1, n1, &f1);
  UpVal** up2 = runtime::upvalue_reference(L, fidx2, n2, nullptr);
  LUNA_API_CHECK(L, up1 != nullptr && up2 != nullptr, "invalid upvalue index");
  if (up1 == nullptr || up2 == nullptr || *up2 == nullptr) return;
  *up1 = *up2;
  gc::object_barrier(L, f1, *up1);
}
