// Functions: prototypes, Lua and C closures, fresh closed upvalues, and the collector's freeing of
// prototypes and upvalues. (Open-upvalue search/closing and to-be-closed variables live with the
// VM in object/upvalues.cpp.)
// Ownership of a prototype's arrays: each one is a single gc::mem_alloc block of exactly
// size_<array> elements (size_line_info ints, size_k Values, ...), so free_proto can return them.
#include "object/functions.h"

#include <cstddef>

#include "gc/gc.h"
#include "object/sizes.h"

namespace luna::functions {

namespace {

template <typename T>
void free_array(lua_State* L, T* p, int count) {
  if (p != nullptr) gc::mem_free(L, p, sizeof(T) * static_cast<std::size_t>(count));
}

}  // namespace

Proto* new_proto(lua_State* L) {
  auto* p = static_cast<Proto*>(gc::new_object(L, tag::proto, sizeof(Proto)));
  p->num_params = 0;
  p->is_vararg = 0;
  p->max_stack_size = 0;
  p->size_upvalues = 0;
  p->size_k = 0;
  p->size_code = 0;
  p->size_line_info = 0;
  p->size_p = 0;
  p->size_loc_vars = 0;
  p->line_defined = 0;
  p->last_line_defined = 0;
  p->k = nullptr;
  p->code = nullptr;
  p->p = nullptr;
  p->line_info = nullptr;
  p->loc_vars = nullptr;
  p->upvalues = nullptr;
  p->source = nullptr;
  p->gc_list = nullptr;
  return p;
}

LClosure* new_lclosure(lua_State* L, int nupvalues) {
  auto* cl = static_cast<LClosure*>(gc::new_object(L, tag::lua_closure, sizes::lclosure_bytes(nupvalues)));
  cl->nupvalues = static_cast<std::uint8_t>(nupvalues);
  cl->gc_list = nullptr;
  cl->p = nullptr;
  for (int i = 0; i < nupvalues; i++) cl->upvals[i] = nullptr;
  return cl;
}

CClosure* new_cclosure(lua_State* L, int nupvalues) {
  auto* cl = static_cast<CClosure*>(gc::new_object(L, tag::c_closure, sizes::cclosure_bytes(nupvalues)));
  cl->nupvalues = static_cast<std::uint8_t>(nupvalues);
  cl->gc_list = nullptr;
  cl->f = nullptr;
  for (int i = 0; i < nupvalues; i++) cl->upvalue[i].set_nil();
  return cl;
}

void init_upvalues(lua_State* L, LClosure* cl) {
  for (int i = 0; i < cl->nupvalues; i++) {
    auto* uv = static_cast<UpVal*>(gc::new_object(L, tag::upval, sizeof(UpVal)));
    uv->tbc = 0;
    uv->v.p = &uv->u.value;
    uv->u.value.set_nil();
    cl->upvals[i] = uv;
    gc::object_barrier(L, cl, uv);
  }
}

void free_proto(lua_State* L, Proto* p) {
  free_array(L, p->code, p->size_code);
  free_array(L, p->p, p->size_p);
  free_array(L, p->k, p->size_k);
  free_array(L, p->line_info, p->size_line_info);
  free_array(L, p->loc_vars, p->size_loc_vars);
  free_array(L, p->upvalues, p->size_upvalues);
  gc::mem_free(L, p, sizeof(Proto));
}

void free_upval(lua_State* L, UpVal* uv) {
  if (uv->is_open()) {  // unlink from its thread's open list
    *uv->u.open.previous = uv->u.open.next;
    if (uv->u.open.next) uv->u.open.next->u.open.previous = uv->u.open.previous;
  }
  gc::mem_free(L, uv, sizeof(UpVal));
}

const char* local_name(const Proto* p, int n, int pc) {
  for (int i = 0; i < p->size_loc_vars && p->loc_vars[i].start_pc <= pc; i++) {
    if (pc < p->loc_vars[i].end_pc) {  // variable active at pc
      n--;
      if (n == 0) return p->loc_vars[i].name ? p->loc_vars[i].name->chars() : nullptr;
    }
  }
  return nullptr;
}

}  // namespace luna::functions
