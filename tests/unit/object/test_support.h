// Helpers for the object-model and GC unit tests: a state with a counting allocator, values.
#pragma once

#include <cstdlib>
#include <string_view>

#include "gc/gc.h"
#include "object/state_init.h"
#include "object/strings.h"
#include "object/tables.h"

namespace luna::testing {

// Counts live bytes and can be told to fail after a number of allocations.
struct CountingAllocator {
  std::size_t live = 0;
  long fail_after = -1;  // -1: never fail
  static void* alloc(void* ud, void* ptr, std::size_t osize, std::size_t nsize) {
    auto* self = static_cast<CountingAllocator*>(ud);
    if (nsize == 0) {
      if (ptr) self->live -= osize;
      std::free(ptr);
      return nullptr;
    }
    if (self->fail_after == 0) return nullptr;
    if (self->fail_after > 0) self->fail_after--;
    void* p = std::realloc(ptr, nsize);
    if (p) self->live += nsize - (ptr ? osize : 0);
    return p;
  }
};

class StateFixture {
 public:
  StateFixture() { L = state::new_state(&CountingAllocator::alloc, &allocator); }
  ~StateFixture() {
    if (L) state::close_state(L);
  }
  StateFixture(const StateFixture&) = delete;
  StateFixture& operator=(const StateFixture&) = delete;

  String* str(std::string_view s) { return strings::new_string(L, s); }
  Value sval(std::string_view s) {
    Value v;
    set_string(v, str(s));
    return v;
  }
  Value tval(Table* t) {
    Value v;
    set_table(v, t);
    return v;
  }
  // Keeps a value reachable by pushing it on the main thread's stack.
  void push(const Value& v) { *L->top++ = v; }
  void pop(int n = 1) { L->top -= n; }

  CountingAllocator allocator;
  lua_State* L = nullptr;
};

inline Value ival(std::int64_t i) { return Value::from_int(i); }
inline Value fval(double d) { return Value::from_float(d); }

}  // namespace luna::testing
