// lua_load and the materialisation of blueprints (see load.h).
// Phases: (1) read the chunk in protected mode into a raw heap buffer owned by this frame (the
// reader may raise); (2) compile or undump it outside any raising code (C++ objects live here);
// (3) materialise in protected mode, the blueprint owned by this frame. So no C++ object with a
// destructor is ever skipped by a longjmp.
#include "runtime/load.h"

#include <cstring>
#include <memory>
#include <variant>

#include "compiler/compiler.h"
#include "gc/gc.h"
#include "object/functions.h"
#include "object/strings.h"
#include "object/tables.h"
#include "runtime/error.h"
#include "runtime/format.h"
#include "runtime/undump.h"
#include "vm/call.h"
#include "vm/status.h"

namespace luna::load {

namespace {

template <typename T>
T* new_array(lua_State* L, std::size_t n) {
  return n == 0 ? nullptr : static_cast<T*>(gc::mem_alloc(L, n * sizeof(T)));
}

String* new_name(lua_State* L, const std::string& s) {
  return s.empty() ? nullptr : strings::new_string(L, s.data(), s.size());
}

// Equal long string constants of one chunk become one string object (as 5.4's scanner, which
// anchors every string it creates): `cache` is a table on the stack mapping contents -> string.
String* constant_string(lua_State* L, Table* cache, const std::string& s) {
  if (s.size() <= max_short_len) return strings::new_string(L, s.data(), s.size());
  String* fresh = strings::new_string(L, s.data(), s.size());
  Value key;
  set_string(key, fresh);
  const Value* known = tables::get(cache, key);
  if (!known->is_nil()) return as_string(*known);
  tables::set(L, cache, key, key);
  return fresh;
}

// Fill p from bp. p is reachable (from the closure on the stack or its parent) before this runs,
// and every array is complete before its size is published, so a collection at any allocation
// sees a consistent prototype.
void fill_proto(lua_State* L, Proto* p, const bytecode::Blueprint& bp, String* parent_source,
                Table* cache, bool empty_source_is_null) {
  p->num_params = bp.num_params;
  p->is_vararg = bp.is_vararg ? 1 : 0;
  p->max_stack_size = bp.max_stack_size;
  p->line_defined = bp.line_defined;
  p->last_line_defined = bp.last_line_defined;
  if (parent_source != nullptr &&
      (bp.source.empty() ||
       std::string_view(parent_source->chars(), parent_source->length()) == bp.source)) {
    p->source = parent_source;  // children share their chunk's source string
  } else if (parent_source == nullptr && !empty_source_is_null) {
    p->source = strings::new_string(L, bp.source.data(), bp.source.size());  // may be ""
  } else {
    p->source = new_name(L, bp.source);
  }
  if (p->source != nullptr) gc::object_barrier(L, p, p->source);

  std::size_t n_code = bp.code.size();
  auto* code = new_array<bytecode::Instruction>(L, n_code);
  if (n_code != 0) std::memcpy(code, bp.code.data(), n_code * sizeof(bytecode::Instruction));
  p->code = code;
  p->size_code = static_cast<int>(n_code);

  std::size_t n_lines = bp.line_info.size();
  int* lines = new_array<int>(L, n_lines);
  if (n_lines != 0) std::memcpy(lines, bp.line_info.data(), n_lines * sizeof(int));
  p->line_info = lines;
  p->size_line_info = static_cast<int>(n_lines);

  std::size_t n_k = bp.constants.size();
  Value* k = new_array<Value>(L, n_k);
  for (std::size_t i = 0; i < n_k; i++) k[i].set_nil();
  p->k = k;
  p->size_k = static_cast<int>(n_k);
  for (std::size_t i = 0; i < n_k; i++) {
    const bytecode::Constant& c = bp.constants[i];
    if (const auto* b = std::get_if<bool>(&c)) {
      k[i].set_bool(*b);
    } else if (const auto* n = std::get_if<std::int64_t>(&c)) {
      k[i].set_int(*n);
    } else if (const auto* f = std::get_if<double>(&c)) {
      k[i].set_float(*f);
    } else if (const auto* s = std::get_if<std::string>(&c)) {
      set_string(k[i], constant_string(L, cache, *s));
      gc::barrier(L, p, k[i]);
    }
  }

  std::size_t n_up = bp.upvalues.size();
  UpvalInfo* ups = new_array<UpvalInfo>(L, n_up);
  for (std::size_t i = 0; i < n_up; i++) {
    ups[i].name = nullptr;
    ups[i].in_stack = bp.upvalues[i].in_stack ? 1 : 0;
    ups[i].index = bp.upvalues[i].index;
    ups[i].kind = static_cast<std::uint8_t>(bp.upvalues[i].kind);
  }
  p->upvalues = ups;
  p->size_upvalues = static_cast<int>(n_up);
  for (std::size_t i = 0; i < n_up; i++) {
    ups[i].name = new_name(L, bp.upvalues[i].name);
    if (ups[i].name != nullptr) gc::object_barrier(L, p, ups[i].name);
  }

  std::size_t n_loc = bp.locals.size();
  LocVar* locs = new_array<LocVar>(L, n_loc);
  for (std::size_t i = 0; i < n_loc; i++) {
    locs[i].name = nullptr;
    locs[i].start_pc = bp.locals[i].start_pc;
    locs[i].end_pc = bp.locals[i].end_pc;
  }
  p->loc_vars = locs;
  p->size_loc_vars = static_cast<int>(n_loc);
  for (std::size_t i = 0; i < n_loc; i++) {
    locs[i].name = new_name(L, bp.locals[i].name);
    if (locs[i].name != nullptr) gc::object_barrier(L, p, locs[i].name);
  }

  std::size_t n_p = bp.children.size();
  Proto** children = new_array<Proto*>(L, n_p);
  for (std::size_t i = 0; i < n_p; i++) children[i] = nullptr;
  p->p = children;
  p->size_p = static_cast<int>(n_p);
  for (std::size_t i = 0; i < n_p; i++) {
    Proto* child = functions::new_proto(L);
    children[i] = child;
    gc::object_barrier(L, p, child);
    fill_proto(L, child, *bp.children[i], p->source, cache, empty_source_is_null);
  }
}

struct LoadState {
  Reader reader;
  void* data;
  const char* mode;
  char* buffer;
  std::size_t size;
  std::size_t capacity;
  const bytecode::Blueprint* blueprint;
  bool binary;           // stripped binary chunks have no source name (shown as "?")
  const char* message;   // compile/undump error text (owned by the caller's C++ objects)
  std::size_t message_len;
};

LClosure* materialize_chunk(lua_State* L, const bytecode::Blueprint& blueprint, bool binary) {
  vm::check_stack(L, 2);
  LClosure* cl = functions::new_lclosure(L, static_cast<int>(blueprint.upvalues.size()));
  set_lclosure(*L->top, cl);  // anchor it before anything else is allocated
  L->top++;
  Proto* p = functions::new_proto(L);
  cl->p = p;
  gc::object_barrier(L, cl, p);
  Table* cache = tables::new_table(L);
  set_table(*L->top, cache);  // anchored while the constants are created
  L->top++;
  fill_proto(L, p, blueprint, nullptr, cache, binary);
  L->top--;
  functions::init_upvalues(L, cl);
  return cl;
}

void read_chunk(lua_State* L, void* ud) {
  auto* ls = static_cast<LoadState*>(ud);
  for (;;) {
    std::size_t n = 0;
    const char* piece = ls->reader(L, ls->data, &n);
    if (piece == nullptr || n == 0) break;
    if (ls->size + n > ls->capacity) {
      std::size_t cap = ls->capacity ? ls->capacity : 256;
      while (cap < ls->size + n) cap *= 2;
      ls->buffer = static_cast<char*>(gc::mem_realloc(L, ls->buffer, ls->capacity, cap));
      ls->capacity = cap;
    }
    std::memcpy(ls->buffer + ls->size, piece, n);
    ls->size += n;
  }
  bool binary = ls->size > 0 && ls->buffer[0] == '\x1b';
  const char* kind = binary ? "binary" : "text";
  if (ls->mode != nullptr && std::strchr(ls->mode, kind[0]) == nullptr) {
    runtime::push_fstring(L, "attempt to load a %s chunk (mode is '%s')", kind, ls->mode);
    runtime::raise(L, status::errsyntax);
  }
}

void push_message(lua_State* L, void* ud) {
  auto* ls = static_cast<LoadState*>(ud);
  set_string(*L->top, strings::new_string(L, ls->message, ls->message_len));
  L->top++;
}

void materialize_aux(lua_State* L, void* ud) {
  auto* ls = static_cast<LoadState*>(ud);
  LClosure* cl = materialize_chunk(L, *ls->blueprint, ls->binary);
  if (cl->nupvalues >= 1) {  // the first upvalue is _ENV: the globals table
    const Value* globals = tables::get_int(as_table(L->global->registry), ridx_globals);
    UpVal* env = cl->upvals[0];
    *env->v.p = *globals;
    gc::barrier(L, env, *globals);
  }
}

}  // namespace

LClosure* materialize(lua_State* L, const bytecode::Blueprint& blueprint) {
  return materialize_chunk(L, blueprint, false);
}

int load(lua_State* L, Reader reader, void* data, const char* chunkname, const char* mode) {
  if (chunkname == nullptr) chunkname = "?";
  LoadState ls{reader, data, mode, nullptr, 0, 0, nullptr, false, nullptr, 0};
  std::ptrdiff_t old_top = vm::save_stack(L, L->top);
  int st = vm::protected_call(L, read_chunk, &ls, old_top, L->err_func);
  if (st != status::ok) {
    gc::mem_free(L, ls.buffer, ls.capacity);
    return st;
  }
  std::string_view text(ls.buffer ? ls.buffer : "", ls.size);
  std::unique_ptr<bytecode::Blueprint> blueprint;
  std::string error_message;
  bool out_of_memory = false;
  ls.binary = !text.empty() && text[0] == '\x1b';
  if (ls.binary) {
    runtime::UndumpResult result = runtime::undump(text, chunkname);
    if (auto* bp = std::get_if<std::unique_ptr<bytecode::Blueprint>>(&result)) {
      blueprint = std::move(*bp);
    } else {
      error_message = std::move(std::get<std::string>(result));
    }
  } else {
    compiler::CompileResult result = compiler::compile(text, chunkname);
    if (auto* bp = std::get_if<std::unique_ptr<bytecode::Blueprint>>(&result)) {
      blueprint = std::move(*bp);
    } else {
      auto& err = std::get<compiler::CompileError>(result);
      out_of_memory = err.kind == compiler::CompileError::Kind::memory;
      error_message = std::move(err.message);
    }
  }
  gc::mem_free(L, ls.buffer, ls.capacity);
  ls.buffer = nullptr;
  if (out_of_memory) {
    runtime::set_error_object(L, status::errmem, L->top);
    return status::errmem;
  }
  if (!blueprint) {
    ls.message = error_message.data();
    ls.message_len = error_message.size();
    st = vm::protected_call(L, push_message, &ls, old_top, L->err_func);
    return st == status::ok ? status::errsyntax : st;
  }
  ls.blueprint = blueprint.get();
  return vm::protected_call(L, materialize_aux, &ls, old_top, L->err_func);
}

}  // namespace luna::load
