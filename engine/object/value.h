// Value: the 16-byte tagged value every register, table slot, upvalue and constant holds.
// Tag byte layout (the PUC-compatible scheme, so lua_type() is `tag & 0x0F`):
//   bits 0-3 basic type (LUA_TNIL..LUA_TTHREAD, plus internal kinds 9..10),
//   bits 4-5 variant (integer/float, short/long string, Lua/light C/C closure, empty/absent nil),
//   bit 6    collectable (payload.gc points to a GCObject whose own tag equals tag & ~bit6... see objects.h).
// Invariant: a collectable Value's tag equals the tag stored in its object (with the collectable bit).
#pragma once

#include <cstddef>
#include <cstdint>

struct lua_State;
typedef int (*lua_CFunction)(lua_State* L);

namespace luna {

struct GCObject;

namespace tag {
inline constexpr std::uint8_t collectable_bit = 1u << 6;
constexpr std::uint8_t make(int basic, int variant) {
  return static_cast<std::uint8_t>(basic | (variant << 4));
}
constexpr std::uint8_t make_gc(int basic, int variant) {
  return static_cast<std::uint8_t>(make(basic, variant) | collectable_bit);
}
// basic types (same numbers as lua.h's LUA_T*)
inline constexpr int t_nil = 0, t_boolean = 1, t_lightuserdata = 2, t_number = 3, t_string = 4,
                     t_table = 5, t_function = 6, t_userdata = 7, t_thread = 8,
                     t_proto = 9,   // internal: function prototypes
                     t_upval = 10;  // internal: upvalues

inline constexpr std::uint8_t nil = make(t_nil, 0);
inline constexpr std::uint8_t empty = make(t_nil, 1);    // an empty table slot
inline constexpr std::uint8_t abstkey = make(t_nil, 2);  // "key not found" result of table lookups
inline constexpr std::uint8_t false_ = make(t_boolean, 0);
inline constexpr std::uint8_t true_ = make(t_boolean, 1);
inline constexpr std::uint8_t lightuserdata = make(t_lightuserdata, 0);
inline constexpr std::uint8_t integer = make(t_number, 0);
inline constexpr std::uint8_t float_ = make(t_number, 1);
inline constexpr std::uint8_t short_string = make_gc(t_string, 0);
inline constexpr std::uint8_t long_string = make_gc(t_string, 1);
inline constexpr std::uint8_t table = make_gc(t_table, 0);
inline constexpr std::uint8_t lua_closure = make_gc(t_function, 0);
inline constexpr std::uint8_t light_cfunction = make(t_function, 1);
inline constexpr std::uint8_t c_closure = make_gc(t_function, 2);
inline constexpr std::uint8_t userdata = make_gc(t_userdata, 0);
inline constexpr std::uint8_t thread = make_gc(t_thread, 0);
inline constexpr std::uint8_t proto = make_gc(t_proto, 0);
inline constexpr std::uint8_t upval = make_gc(t_upval, 0);

constexpr int basic_of(std::uint8_t t) { return t & 0x0F; }
constexpr int variant_of(std::uint8_t t) { return t & 0x3F; }  // basic + variant, without gc bit
}  // namespace tag

union Payload {
  GCObject* gc;
  void* p;             // light userdata
  lua_CFunction f;     // light C function
  std::int64_t i;      // integer
  double n;            // float
  int b;               // unused: booleans are told apart by tag alone
};

// Copying a Value copies exactly the payload and the tag, never the 7 padding bytes: table nodes
// keep their key tag and chain offset in the padding of their value (see Node in objects.h), so a
// plain 16-byte copy into a node slot would corrupt the node. Copy construction stays a plain copy.
struct Value {
  Payload v;
  std::uint8_t tt;

  Value() = default;
  Value(const Value&) = default;
  Value& operator=(const Value& other) {
    v = other.v;
    tt = other.tt;
    return *this;
  }

  std::uint8_t tag() const { return tt; }
  int basic_type() const { return tag::basic_of(tt); }
  bool is_nil() const { return tag::basic_of(tt) == tag::t_nil; }  // nil, empty or abstkey
  bool is_strict_nil() const { return tt == tag::nil; }
  bool is_empty() const { return is_nil(); }  // table slots: any nil variant counts as empty
  bool is_false() const { return tt == tag::false_; }
  bool is_true() const { return tt == tag::true_; }
  bool is_falsy() const { return tt == tag::false_ || is_nil(); }
  bool is_boolean() const { return basic_type() == tag::t_boolean; }
  bool is_number() const { return basic_type() == tag::t_number; }
  bool is_integer() const { return tt == tag::integer; }
  bool is_float() const { return tt == tag::float_; }
  bool is_string() const { return basic_type() == tag::t_string; }
  bool is_short_string() const { return tt == tag::short_string; }
  bool is_long_string() const { return tt == tag::long_string; }
  bool is_table() const { return tt == tag::table; }
  bool is_function() const { return basic_type() == tag::t_function; }
  bool is_lua_closure() const { return tt == tag::lua_closure; }
  bool is_c_closure() const { return tt == tag::c_closure; }
  bool is_light_cfunction() const { return tt == tag::light_cfunction; }
  bool is_userdata() const { return tt == tag::userdata; }
  bool is_light_userdata() const { return tt == tag::lightuserdata; }
  bool is_thread() const { return tt == tag::thread; }
  bool is_collectable() const { return (tt & tag::collectable_bit) != 0; }

  std::int64_t as_int() const { return v.i; }
  double as_float() const { return v.n; }
  double as_number() const { return is_integer() ? static_cast<double>(v.i) : v.n; }
  GCObject* as_gc() const { return v.gc; }

  void set_nil() { tt = tag::nil; }
  void set_empty() { tt = tag::empty; }
  void set_bool(bool b) { tt = b ? tag::true_ : tag::false_; }
  void set_int(std::int64_t i) { v.i = i; tt = tag::integer; }
  void set_float(double n) { v.n = n; tt = tag::float_; }
  void set_light_userdata(void* p) { v.p = p; tt = tag::lightuserdata; }
  void set_cfunction(lua_CFunction f) { v.f = f; tt = tag::light_cfunction; }
  void set_gc(GCObject* o, std::uint8_t t) { v.gc = o; tt = t; }

  static Value nil_value() { Value x; x.v.i = 0; x.tt = tag::nil; return x; }
  static Value from_int(std::int64_t i) { Value x; x.set_int(i); return x; }
  static Value from_float(double n) { Value x; x.set_float(n); return x; }
  static Value from_bool(bool b) { Value x; x.v.i = 0; x.set_bool(b); return x; }
};

static_assert(sizeof(Value) == 16, "Value must stay 16 bytes");
static_assert(offsetof(Value, tt) == 8);

// A stack slot. Kept as a distinct name so stack code reads as such; same layout as Value.
using StackValue = Value;
using StackId = Value*;

}  // namespace luna
