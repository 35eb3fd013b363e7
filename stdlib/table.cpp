// The table library (manual §6.6). Every access goes through lua_geti/lua_seti/luaL_len, so
// __index, __newindex and __len are honoured exactly as 5.4 does; a non-table argument is
// accepted when its metatable provides the metamethods an operation needs. Internal fast paths
// (capi/table_lib.h) move or push a range of a plain table's array part in one go and call
// sort's order function in one API call.
#include <lua.hpp>

#include <climits>
#include <cstring>
#include <ctime>

#include "capi/table_lib.h"

namespace luna::stdlib::table_lib {
namespace {

// What an argument must support to stand in for a table.
enum Access : unsigned { read = 1, write = 2, length = 4 };

bool metatable_has(lua_State* L, const char* key, int metatable_depth) {
  lua_pushstring(L, key);
  return lua_rawget(L, -metatable_depth) != LUA_TNIL;
}

void check_table_like(lua_State* L, int arg, unsigned needs) {
  if (lua_type(L, arg) == LUA_TTABLE) return;
  int pushed = 1;
  if (lua_getmetatable(L, arg) && (!(needs & read) || metatable_has(L, "__index", ++pushed)) &&
      (!(needs & write) || metatable_has(L, "__newindex", ++pushed)) &&
      (!(needs & length) || metatable_has(L, "__len", ++pushed))) {
    lua_pop(L, pushed);
    return;
  }
  luaL_checktype(L, arg, LUA_TTABLE);  // raises the standard "table expected" error
}

// t[i] = t[i-1] for i = last down to first+1 (t is argument 1): the tail shift of insert.
void shift_up(lua_State* L, lua_Integer first, lua_Integer last) {
  for (lua_Integer i = last; i > first; --i) {
    // The slot past the end is often just outside the array part: one step through the API,
    // then the rest usually fits in one move.
    if (i >= last - 1 && luna::capi::move_array_range(L, 1, first, first + 1, i - first)) return;
    lua_geti(L, 1, i - 1);
    lua_seti(L, 1, i);
  }
}

// t[i] = t[i+1] for i = first up to last-1: the tail shift of remove.
void shift_down(lua_State* L, lua_Integer first, lua_Integer last) {
  if (first < last && luna::capi::move_array_range(L, 1, first + 1, first, last - first)) return;
  for (lua_Integer i = first; i < last; ++i) {
    lua_geti(L, 1, i + 1);
    lua_seti(L, 1, i);
  }
}

lua_Integer checked_length(lua_State* L, int arg, unsigned needs) {
  check_table_like(L, arg, needs | length);
  return luaL_len(L, arg);
}

int insert(lua_State* L) {
  // Wraps on overflow like the reference (the position check below then fails).
  const lua_Integer first_empty =
      static_cast<lua_Integer>(static_cast<lua_Unsigned>(checked_length(L, 1, read | write)) + 1u);
  lua_Integer position;
  switch (lua_gettop(L)) {
    case 2:
      position = first_empty;
      break;
    case 3: {
      position = luaL_checkinteger(L, 2);
      luaL_argcheck(L, static_cast<lua_Unsigned>(position) - 1u < static_cast<lua_Unsigned>(first_empty), 2,
                    "position out of bounds");
      shift_up(L, position, first_empty);
      break;
    }
    default:
      return luaL_error(L, "wrong number of arguments to 'insert'");
  }
  lua_seti(L, 1, position);
  return 0;
}

int remove(lua_State* L) {
  const lua_Integer size = checked_length(L, 1, read | write);
  lua_Integer position = luaL_optinteger(L, 2, size);
  if (position != size)  // an explicit position may be anywhere in [1, size + 1]
    luaL_argcheck(L, static_cast<lua_Unsigned>(position) - 1u <= static_cast<lua_Unsigned>(size), 2,
                  "position out of bounds");
  lua_geti(L, 1, position);
  if (position < size) {
    shift_down(L, position, size);
    position = size;
  }
  lua_pushnil(L);
  lua_seti(L, 1, position);
  return 1;
}

int move(lua_State* L) {
  const lua_Integer first = luaL_checkinteger(L, 2);
  const lua_Integer last = luaL_checkinteger(L, 3);
  const lua_Integer target = luaL_checkinteger(L, 4);
  const int destination = lua_isnoneornil(L, 5) ? 1 : 5;
  check_table_like(L, 1, read);
  check_table_like(L, destination, write);
  if (last >= first) {
    luaL_argcheck(L, first > 0 || last < LUA_MAXINTEGER + first, 3, "too many elements to move");
    const lua_Integer count = last - first + 1;
    luaL_argcheck(L, target <= LUA_MAXINTEGER - count + 1, 4, "destination wrap around");
    // Copy upwards unless the ranges overlap with the destination after the source.
    const bool ascending =
        target > last || target <= first || (destination != 1 && !lua_compare(L, 1, destination, LUA_OPEQ));
    if (ascending) {
      for (lua_Integer i = 0; i < count; ++i) {
        lua_geti(L, 1, first + i);
        lua_seti(L, destination, target + i);
      }
    } else {
      for (lua_Integer i = count - 1; i >= 0; --i) {
        lua_geti(L, 1, first + i);
        lua_seti(L, destination, target + i);
      }
    }
  }
  lua_pushvalue(L, destination);
  return 1;
}

void add_element(lua_State* L, luaL_Buffer* buffer, lua_Integer index) {
  lua_geti(L, 1, index);
  if (!lua_isstring(L, -1))
    luaL_error(L, "invalid value (%s) at index %I in table for 'concat'", luaL_typename(L, -1),
               static_cast<LUAI_UACINT>(index));
  luaL_addvalue(buffer);
}

int concat(lua_State* L) {
  lua_Integer last = checked_length(L, 1, read);
  std::size_t separator_size = 0;
  const char* separator = luaL_optlstring(L, 2, "", &separator_size);
  lua_Integer index = luaL_optinteger(L, 3, 1);
  last = luaL_optinteger(L, 4, last);
  luaL_Buffer buffer;
  luaL_buffinit(L, &buffer);
  for (; index < last; ++index) {  // stops before 'last' so that last == maxinteger cannot overflow
    add_element(L, &buffer, index);
    luaL_addlstring(&buffer, separator, separator_size);
  }
  if (index == last) add_element(L, &buffer, index);
  luaL_pushresult(&buffer);
  return 1;
}

int pack(lua_State* L) {
  const int count = lua_gettop(L);
  lua_createtable(L, count, 1);
  lua_insert(L, 1);
  for (int i = count; i >= 1; --i) lua_seti(L, 1, i);
  lua_pushinteger(L, count);
  lua_setfield(L, 1, "n");
  return 1;
}

int unpack(lua_State* L) {
  lua_Integer index = luaL_optinteger(L, 2, 1);
  const lua_Integer last = lua_isnoneornil(L, 3) ? luaL_len(L, 1) : luaL_checkinteger(L, 3);
  if (index > last) return 0;
  // count - 1, computed unsigned so that huge ranges cannot overflow
  lua_Unsigned count = static_cast<lua_Unsigned>(last) - static_cast<lua_Unsigned>(index);
  if (count >= static_cast<unsigned int>(INT_MAX) || !lua_checkstack(L, static_cast<int>(++count)))
    return luaL_error(L, "too many results to unpack");
  if (luna::capi::push_array_range(L, 1, index, static_cast<lua_Integer>(count))) return static_cast<int>(count);
  for (; index < last; ++index) lua_geti(L, 1, index);
  lua_geti(L, 1, last);
  return static_cast<int>(count);
}

// ---- sort: quicksort over the stack, median of three, randomised pivot when unbalanced --------

using Index = unsigned int;
constexpr Index randomise_above = 100;  // shorter ranges always use the middle element

// Cheap "randomness" for pivot choice, only used after a badly unbalanced partition.
unsigned int pivot_seed() {
  const std::clock_t clock_value = std::clock();
  const std::time_t time_value = std::time(nullptr);
  unsigned int words[(sizeof clock_value + sizeof time_value) / sizeof(unsigned int)];
  std::memcpy(words, &clock_value, sizeof clock_value);
  std::memcpy(reinterpret_cast<char*>(words) + sizeof clock_value, &time_value, sizeof time_value);
  unsigned int seed = 0;
  for (unsigned int word : words) seed += word;
  return seed;
}

// The table is argument 1; 'has_order' says whether argument 2 is an order function (decided
// once by sort(), rather than asking the stack at every comparison).
struct SortState {
  lua_State* L;
  bool has_order;
};

// Pops two values into t[i] (top) and t[j] (below it).
void store_two(lua_State* L, Index i, Index j) {
  lua_seti(L, 1, i);
  lua_seti(L, 1, j);
}

// Whether the value at stack index 'a' sorts before the one at 'b' (both negative indices).
bool sorts_before(const SortState& order, int a, int b) {
  lua_State* L = order.L;
  if (!order.has_order) return lua_compare(L, a, b, LUA_OPLT);
  return luna::capi::call_order(L, 2, a, b);
}

// The pivot P is on top of the stack, and t[lo] <= P == t[up-1] <= t[up].
// Partitions t[lo+1 .. up-2] and returns P's final index.
Index partition(const SortState& order, Index lo, Index up) {
  lua_State* L = order.L;
  Index i = lo;
  Index j = up - 1;
  for (;;) {
    while (lua_geti(L, 1, ++i), sorts_before(order, -1, -2)) {
      if (i == up - 1) luaL_error(L, "invalid order function for sorting");
      lua_pop(L, 1);
    }
    while (lua_geti(L, 1, --j), sorts_before(order, -3, -1)) {
      if (j < i) luaL_error(L, "invalid order function for sorting");
      lua_pop(L, 1);
    }
    if (j < i) {
      lua_pop(L, 1);
      store_two(L, up - 1, i);
      return i;
    }
    store_two(L, i, j);
  }
}

Index choose_pivot(Index lo, Index up, unsigned int seed) {
  const Index quarter = (up - lo) / 4;
  return seed % (quarter * 2) + (lo + quarter);
}

void sort_range(const SortState& order, Index lo, Index up, unsigned int seed) {
  lua_State* L = order.L;
  while (lo < up) {
    lua_geti(L, 1, lo);
    lua_geti(L, 1, up);
    if (sorts_before(order, -1, -2))
      store_two(L, lo, up);
    else
      lua_pop(L, 2);
    if (up - lo == 1) return;
    Index pivot = (up - lo < randomise_above || seed == 0) ? (lo + up) / 2 : choose_pivot(lo, up, seed);
    lua_geti(L, 1, pivot);
    lua_geti(L, 1, lo);
    if (sorts_before(order, -2, -1)) {
      store_two(L, pivot, lo);
    } else {
      lua_pop(L, 1);
      lua_geti(L, 1, up);
      if (sorts_before(order, -1, -2))
        store_two(L, pivot, up);
      else
        lua_pop(L, 2);
    }
    if (up - lo == 2) return;
    lua_geti(L, 1, pivot);
    lua_pushvalue(L, -1);
    lua_geti(L, 1, up - 1);
    store_two(L, pivot, up - 1);
    pivot = partition(order, lo, up);
    // Recurse into the smaller side, loop on the larger one.
    Index smaller;
    if (pivot - lo < up - pivot) {
      sort_range(order, lo, pivot - 1, seed);
      smaller = pivot - lo;
      lo = pivot + 1;
    } else {
      sort_range(order, pivot + 1, up, seed);
      smaller = up - pivot;
      up = pivot - 1;
    }
    if ((up - lo) / 128 > smaller) seed = pivot_seed();
  }
}

int sort(lua_State* L) {
  const lua_Integer size = checked_length(L, 1, read | write);
  if (size > 1) {
    luaL_argcheck(L, size < INT_MAX, 1, "array too big");
    const bool has_order = !lua_isnoneornil(L, 2);
    if (has_order) luaL_checktype(L, 2, LUA_TFUNCTION);
    lua_settop(L, 2);
    sort_range(SortState{L, has_order}, 1, static_cast<Index>(size), 0);
  }
  return 0;
}

constexpr luaL_Reg functions[] = {
    {"concat", concat}, {"insert", insert}, {"pack", pack}, {"unpack", unpack},
    {"remove", remove}, {"move", move},     {"sort", sort}, {nullptr, nullptr},
};

}  // namespace
}  // namespace luna::stdlib::table_lib

extern "C" LUAMOD_API int luaopen_table(lua_State* L) {
  using namespace luna::stdlib::table_lib;
  luaL_checkversion(L);
  lua_createtable(L, 0, static_cast<int>(sizeof(functions) / sizeof(functions[0]) - 1));
  luaL_setfuncs(L, functions, 0);
  return 1;
}
