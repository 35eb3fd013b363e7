// The math library (manual §6.7). Integer/float distinctions follow 5.4: floor/ceil/modf
// return integers when the result fits; abs/fmod keep integers integral. The generator is
// xoshiro256** seeded exactly as 5.4 does, so math.randomseed(n) reproduces lua5.4's sequence.
#include <lua.hpp>

#include <cfloat>
#include <cmath>
#include <cstdint>
#include <ctime>

namespace luna::stdlib::math_lib {
namespace {

constexpr lua_Number pi = 3.141592653589793238462643383279502884;

// Pushes 'value' as an integer when it has an exact integer representation.
void push_integral(lua_State* L, lua_Number value) {
  lua_Integer n;
  if (lua_numbertointeger(value, &n))
    lua_pushinteger(L, n);
  else
    lua_pushnumber(L, value);
}

int absolute(lua_State* L) {
  if (lua_isinteger(L, 1)) {
    lua_Integer n = lua_tointeger(L, 1);
    // Wraps: abs(mininteger) is mininteger, as in 5.4.
    if (n < 0) n = static_cast<lua_Integer>(0u - static_cast<lua_Unsigned>(n));
    lua_pushinteger(L, n);
  } else {
    lua_pushnumber(L, std::fabs(luaL_checknumber(L, 1)));
  }
  return 1;
}

template <double (*function)(double)>
int unary(lua_State* L) {
  lua_pushnumber(L, function(luaL_checknumber(L, 1)));
  return 1;
}

double sine(double x) { return std::sin(x); }
double cosine(double x) { return std::cos(x); }
double tangent(double x) { return std::tan(x); }
double arc_sine(double x) { return std::asin(x); }
double arc_cosine(double x) { return std::acos(x); }
double square_root(double x) { return std::sqrt(x); }
double exponential(double x) { return std::exp(x); }
double to_degrees(double x) { return x * (180.0 / pi); }
double to_radians(double x) { return x * (pi / 180.0); }

int arc_tangent(lua_State* L) {
  const lua_Number y = luaL_checknumber(L, 1);
  const lua_Number x = luaL_optnumber(L, 2, 1);
  lua_pushnumber(L, std::atan2(y, x));
  return 1;
}

int to_integer(lua_State* L) {
  int valid = 0;
  const lua_Integer n = lua_tointegerx(L, 1, &valid);
  if (valid) {
    lua_pushinteger(L, n);
  } else {
    luaL_checkany(L, 1);
    luaL_pushfail(L);
  }
  return 1;
}

int floor(lua_State* L) {
  if (lua_isinteger(L, 1))
    lua_settop(L, 1);
  else
    push_integral(L, std::floor(luaL_checknumber(L, 1)));
  return 1;
}

int ceiling(lua_State* L) {
  if (lua_isinteger(L, 1))
    lua_settop(L, 1);
  else
    push_integral(L, std::ceil(luaL_checknumber(L, 1)));
  return 1;
}

int float_modulo(lua_State* L) {
  if (lua_isinteger(L, 1) && lua_isinteger(L, 2)) {
    const lua_Integer divisor = lua_tointeger(L, 2);
    if (static_cast<lua_Unsigned>(divisor) + 1u <= 1u) {  // divisor is 0 or -1
      luaL_argcheck(L, divisor != 0, 2, "zero");
      lua_pushinteger(L, 0);  // x % -1 is 0, and mininteger % -1 would trap in C
    } else {
      lua_pushinteger(L, lua_tointeger(L, 1) % divisor);  // C's truncating remainder
    }
  } else {
    lua_pushnumber(L, std::fmod(luaL_checknumber(L, 1), luaL_checknumber(L, 2)));
  }
  return 1;
}

int split_parts(lua_State* L) {
  if (lua_isinteger(L, 1)) {
    lua_settop(L, 1);
    lua_pushnumber(L, 0);
    return 2;
  }
  const lua_Number n = luaL_checknumber(L, 1);
  const lua_Number integral = (n < 0) ? std::ceil(n) : std::floor(n);
  push_integral(L, integral);
  lua_pushnumber(L, (n == integral) ? 0.0 : (n - integral));  // inf - inf would be nan
  return 2;
}

int unsigned_less(lua_State* L) {
  const lua_Integer a = luaL_checkinteger(L, 1);
  const lua_Integer b = luaL_checkinteger(L, 2);
  lua_pushboolean(L, static_cast<lua_Unsigned>(a) < static_cast<lua_Unsigned>(b));
  return 1;
}

int logarithm(lua_State* L) {
  const lua_Number x = luaL_checknumber(L, 1);
  lua_Number result;
  if (lua_isnoneornil(L, 2)) {
    result = std::log(x);
  } else {
    const lua_Number base = luaL_checknumber(L, 2);
    if (base == 2.0)
      result = std::log2(x);  // exact for powers of two
    else if (base == 10.0)
      result = std::log10(x);
    else
      result = std::log(x) / std::log(base);
  }
  lua_pushnumber(L, result);
  return 1;
}

int minimum(lua_State* L) {
  const int count = lua_gettop(L);
  luaL_argcheck(L, count >= 1, 1, "value expected");
  int best = 1;
  for (int i = 2; i <= count; ++i)
    if (lua_compare(L, i, best, LUA_OPLT)) best = i;
  lua_pushvalue(L, best);
  return 1;
}

int maximum(lua_State* L) {
  const int count = lua_gettop(L);
  luaL_argcheck(L, count >= 1, 1, "value expected");
  int best = 1;
  for (int i = 2; i <= count; ++i)
    if (lua_compare(L, best, i, LUA_OPLT)) best = i;
  lua_pushvalue(L, best);
  return 1;
}

int number_type(lua_State* L) {
  if (lua_type(L, 1) == LUA_TNUMBER) {
    lua_pushstring(L, lua_isinteger(L, 1) ? "integer" : "float");
  } else {
    luaL_checkany(L, 1);
    luaL_pushfail(L);
  }
  return 1;
}

// ---- pseudo-random numbers: xoshiro256** ------------------------------------------------------

struct RandomState {
  std::uint64_t s[4];
};

constexpr std::uint64_t rotate_left(std::uint64_t x, int n) { return (x << n) | (x >> (64 - n)); }

std::uint64_t next_random(RandomState& state) {
  const std::uint64_t s0 = state.s[0];
  const std::uint64_t s1 = state.s[1];
  const std::uint64_t s2 = state.s[2] ^ s0;
  const std::uint64_t s3 = state.s[3] ^ s1;
  const std::uint64_t result = rotate_left(s1 * 5, 7) * 9;
  state.s[0] = s0 ^ s3;
  state.s[1] = s1 ^ s2;
  state.s[2] = s2 ^ (s1 << 17);
  state.s[3] = rotate_left(s3, 45);
  return result;
}

// A float in [0, 1) from the top DBL_MANT_DIG bits.
lua_Number to_unit_float(std::uint64_t bits) {
  constexpr int figures = DBL_MANT_DIG;
  return static_cast<lua_Number>(bits >> (64 - figures)) * (0.5 / static_cast<double>(std::uint64_t{1} << (figures - 1)));
}

// A uniform value in [0, n]: mask to the enclosing power of two, redrawing when outside.
lua_Unsigned project(lua_Unsigned random, lua_Unsigned n, RandomState& state) {
  if ((n & (n + 1)) == 0) return random & n;  // n + 1 is a power of two
  lua_Unsigned mask = n;
  for (int shift = 1; shift < 64; shift *= 2) mask |= mask >> shift;
  while ((random &= mask) > n) random = next_random(state);
  return random;
}

int random(lua_State* L) {
  auto* state = static_cast<RandomState*>(lua_touserdata(L, lua_upvalueindex(1)));
  const std::uint64_t value = next_random(*state);
  lua_Integer low;
  lua_Integer high;
  switch (lua_gettop(L)) {
    case 0:
      lua_pushnumber(L, to_unit_float(value));
      return 1;
    case 1:
      low = 1;
      high = luaL_checkinteger(L, 1);
      if (high == 0) {  // math.random(0): all 64 bits
        lua_pushinteger(L, static_cast<lua_Integer>(value));
        return 1;
      }
      break;
    case 2:
      low = luaL_checkinteger(L, 1);
      high = luaL_checkinteger(L, 2);
      break;
    default:
      return luaL_error(L, "wrong number of arguments");
  }
  luaL_argcheck(L, low <= high, 1, "interval is empty");
  const lua_Unsigned offset =
      project(value, static_cast<lua_Unsigned>(high) - static_cast<lua_Unsigned>(low), *state);
  lua_pushinteger(L, static_cast<lua_Integer>(offset + static_cast<lua_Unsigned>(low)));
  return 1;
}

// Seeds the generator and pushes both seed halves (randomseed returns them).
void set_seed(lua_State* L, RandomState& state, lua_Unsigned first, lua_Unsigned second) {
  state.s[0] = first;
  state.s[1] = 0xff;  // never an all-zero state
  state.s[2] = second;
  state.s[3] = 0;
  for (int i = 0; i < 16; ++i) next_random(state);  // spread the seed over the state
  lua_pushinteger(L, static_cast<lua_Integer>(first));
  lua_pushinteger(L, static_cast<lua_Integer>(second));
}

// Time plus the state's address (varies under address-space randomisation).
void seed_unpredictably(lua_State* L, RandomState& state) {
  set_seed(L, state, static_cast<lua_Unsigned>(std::time(nullptr)),
           static_cast<lua_Unsigned>(reinterpret_cast<std::uintptr_t>(L)));
}

int random_seed(lua_State* L) {
  auto* state = static_cast<RandomState*>(lua_touserdata(L, lua_upvalueindex(1)));
  if (lua_isnone(L, 1)) {
    seed_unpredictably(L, *state);
  } else {
    const lua_Integer first = luaL_checkinteger(L, 1);
    const lua_Integer second = luaL_optinteger(L, 2, 0);
    set_seed(L, *state, static_cast<lua_Unsigned>(first), static_cast<lua_Unsigned>(second));
  }
  return 2;
}

constexpr luaL_Reg functions[] = {
    {"abs", absolute},
    {"acos", unary<arc_cosine>},
    {"asin", unary<arc_sine>},
    {"atan", arc_tangent},
    {"ceil", ceiling},
    {"cos", unary<cosine>},
    {"deg", unary<to_degrees>},
    {"exp", unary<exponential>},
    {"tointeger", to_integer},
    {"floor", floor},
    {"fmod", float_modulo},
    {"ult", unsigned_less},
    {"log", logarithm},
    {"max", maximum},
    {"min", minimum},
    {"modf", split_parts},
    {"rad", unary<to_radians>},
    {"sin", unary<sine>},
    {"sqrt", unary<square_root>},
    {"tan", unary<tangent>},
    {"type", number_type},
    {nullptr, nullptr},
};

constexpr luaL_Reg random_functions[] = {
    {"random", random},
    {"randomseed", random_seed},
    {nullptr, nullptr},
};

}  // namespace
}  // namespace luna::stdlib::math_lib

extern "C" LUAMOD_API int luaopen_math(lua_State* L) {
  using namespace luna::stdlib::math_lib;
  luaL_checkversion(L);
  lua_createtable(L, 0, static_cast<int>(sizeof(functions) / sizeof(functions[0])) + 5);
  luaL_setfuncs(L, functions, 0);
  lua_pushnumber(L, pi);
  lua_setfield(L, -2, "pi");
  lua_pushnumber(L, HUGE_VAL);
  lua_setfield(L, -2, "huge");
  lua_pushinteger(L, LUA_MAXINTEGER);
  lua_setfield(L, -2, "maxinteger");
  lua_pushinteger(L, LUA_MININTEGER);
  lua_setfield(L, -2, "mininteger");
  // Both random functions share one generator state as their upvalue.
  auto* state = static_cast<RandomState*>(lua_newuserdatauv(L, sizeof(RandomState), 0));
  seed_unpredictably(L, *state);
  lua_pop(L, 2);
  luaL_setfuncs(L, random_functions, 1);
  return 1;
}
