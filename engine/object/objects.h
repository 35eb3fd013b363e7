// Heap object layouts shared by the object model, the GC, the VM and the C API.
// Every collectable object starts with GCObject (intrusive `next` list owned by the collector, the
// object's tag, and the GC mark bits). Objects never move (C code keeps pointers to strings/userdata).
// Object creation goes through the constructors declared in the per-kind headers (strings.h,
// tables.h, functions.h, userdata.h); they link the object into the GC and may trigger no collection
// themselves (callers run gc::check at safe points).
#pragma once

#include <cstddef>
#include <cstdint>

#include "bytecode/opcodes.h"
#include "object/value.h"

struct lua_State;
typedef intptr_t lua_KContext;
typedef int (*lua_KFunction)(lua_State* L, int status, lua_KContext ctx);

namespace luna {

struct GCObject {
  GCObject* next;
  std::uint8_t tt;
  std::uint8_t marked;
  // A user-declared (still trivial) constructor makes GCObject "not POD for the purpose of
  // layout" in the Itanium C++ ABI, so derived objects place their first small fields in its 6
  // bytes of tail padding instead of after it: every object is 8 bytes smaller (a String header
  // is 24 bytes, as in the reference implementation). Objects are never constructed:
  // the collector allocates raw blocks (gc::new_object) and the constructors fill them in.
  GCObject() = default;
};

// ---- strings ---------------------------------------------------------------------------------
// Short strings (len <= max_short_len) are interned: equal short strings are the same object.
// Long strings are compared by content and hashed lazily. data[len] is always '\0'.
inline constexpr std::size_t max_short_len = 40;

struct String : GCObject {
  std::uint8_t extra;       // short: reserved-word index + 1 (0 = not reserved); long: 1 if hash computed
  std::uint8_t short_len;   // length for short strings; 0xFF for long strings
  std::uint32_t hash;
  union {
    std::size_t long_len;   // long strings
    String* hash_next;      // short strings: chain in the intern table
  } u;
  char data[1];             // len + 1 bytes

  bool is_short() const { return short_len != 0xFF; }
  std::size_t length() const { return is_short() ? short_len : u.long_len; }
  const char* chars() const { return data; }
};

// ---- tables ----------------------------------------------------------------------------------
// Array part `array[0 .. array_size-1]` holds keys 1..array_size; the hash part is a power-of-two
// node vector with chained scatter (Brent's variation). Node = value + key tag + chain + key payload
// in 24 bytes. `flags` caches absent metamethods (bit e set = metamethod for event e, e <= Eq, absent).
struct Node {
  union {
    struct {
      Payload value_payload;
      std::uint8_t value_tt;
      std::uint8_t key_tt;
      std::int32_t next;  // offset to the next node of the chain (0 = end)
      Payload key_payload;
    } u;
    Value value;  // the value part, addressable as a Value (its padding holds key_tt and next)
  };
};
static_assert(sizeof(Node) == 24);

struct Table : GCObject {
  std::uint8_t flags;
  std::uint8_t log2_node_size;  // hash part has 2^log2_node_size nodes
  std::uint32_t array_size;
  Value* array;
  Node* node;                   // (the free-position pointer precedes the nodes: tables.cpp)
  Table* metatable;
  GCObject* gc_list;            // used by the collector
};

// ---- functions -------------------------------------------------------------------------------
struct UpvalInfo {
  String* name;           // may be null (stripped)
  std::uint8_t in_stack;  // 1: register of the enclosing function; 0: its upvalue
  std::uint8_t index;
  std::uint8_t kind;      // bytecode::UpvalueKind
};

struct LocVar {
  String* name;
  int start_pc;
  int end_pc;
};

struct Proto : GCObject {
  std::uint8_t num_params;
  std::uint8_t is_vararg;
  std::uint8_t max_stack_size;
  int size_upvalues;
  int size_k;
  int size_code;
  int size_line_info;
  int size_p;
  int size_loc_vars;
  int line_defined;
  int last_line_defined;
  Value* k;
  bytecode::Instruction* code;
  Proto** p;
  int* line_info;            // absolute line per instruction (size_line_info == size_code, or 0 if stripped)
  LocVar* loc_vars;
  UpvalInfo* upvalues;
  String* source;            // may be null (stripped)
  GCObject* gc_list;
};

// An upvalue is open while it points into a live stack frame (v.p points at the slot, and it is
// linked in its thread's open list ordered by level), closed when it owns its value.
struct UpVal : GCObject {
  std::uint8_t tbc;          // unused for now; kept for layout stability
  union {
    Value* p;                // points to the stack slot or to u.value
    std::ptrdiff_t offset;   // used while the stack is reallocated
  } v;
  union {
    struct {
      UpVal* next;           // open list of the thread
      UpVal** previous;
    } open;
    Value value;             // the value when closed
  } u;
  bool is_open() const { return v.p != &u.value; }
};

struct LClosure : GCObject {
  std::uint8_t nupvalues;
  GCObject* gc_list;
  Proto* p;
  UpVal* upvals[1];
};

struct CClosure : GCObject {
  std::uint8_t nupvalues;
  GCObject* gc_list;
  lua_CFunction f;
  Value upvalue[1];
};

// ---- userdata --------------------------------------------------------------------------------
// Full userdata: `nuvalue` user values follow the header, then the raw memory block, aligned to
// max_align_t. lua_touserdata returns data().
struct Udata : GCObject {
  std::uint16_t nuvalue;
  std::size_t len;
  Table* metatable;
  GCObject* gc_list;
  Value uv[1];  // nuvalue user values (the struct is allocated larger); memory block after them

  static std::size_t memory_offset(std::uint16_t nuvalue);  // offset of the memory block
  void* data() { return reinterpret_cast<char*>(this) + memory_offset(nuvalue); }
};

// The header sizes the allocation-size figures above were designed around (tail padding reused).
static_assert(sizeof(Table) == 48);
static_assert(sizeof(UpVal) == 40);
static_assert(sizeof(LClosure) == 40 && sizeof(CClosure) == 48);

// ---- typed access ----------------------------------------------------------------------------
inline String* as_string(const Value& v) { return static_cast<String*>(v.v.gc); }
inline Table* as_table(const Value& v) { return static_cast<Table*>(v.v.gc); }
inline LClosure* as_lclosure(const Value& v) { return static_cast<LClosure*>(v.v.gc); }
inline CClosure* as_cclosure(const Value& v) { return static_cast<CClosure*>(v.v.gc); }
inline Udata* as_udata(const Value& v) { return static_cast<Udata*>(v.v.gc); }
inline lua_State* as_thread(const Value& v) { return reinterpret_cast<lua_State*>(v.v.gc); }

inline void set_string(Value& v, String* s) { v.set_gc(s, s->tt); }
inline void set_table(Value& v, Table* t) { v.set_gc(t, tag::table); }
inline void set_lclosure(Value& v, LClosure* c) { v.set_gc(c, tag::lua_closure); }
inline void set_cclosure(Value& v, CClosure* c) { v.set_gc(c, tag::c_closure); }
inline void set_udata(Value& v, Udata* u) { v.set_gc(u, tag::userdata); }
void set_thread(Value& v, lua_State* L);  // defined with lua_State (object/state.h)

}  // namespace luna
