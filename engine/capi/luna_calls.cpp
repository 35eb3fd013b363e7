// luna.h, part 4: loading chunks, calls host -> Lua, host callbacks (Lua -> host) and coroutines
// driven from the host.
#include <cstdlib>
#include <cstring>
#include <new>

#include "capi/luna_internal.h"

using namespace luna::embed;

namespace {

constexpr const char* callback_metatable = "luna.callback";

struct CallbackBox {
  luna_callback fn;
  void* userdata;
  luna_destructor destroy;
  luna_state* state;
};

int callback_gc(lua_State* L) {
  auto* box = static_cast<CallbackBox*>(lua_touserdata(L, 1));
  if (box->destroy != nullptr) box->destroy(box->userdata);
  box->destroy = nullptr;
  box->fn = nullptr;
  return 0;
}

// Protected part of a callback's entry: index 1 = the args array, 2..n+1 = the Lua arguments.
int convert_args(lua_State* L) {
  auto* args = static_cast<luna_values*>(lua_touserdata(L, 1));
  for (std::size_t i = 0; i < args->count; ++i)
    to_borrowed_value(L, static_cast<int>(i) + 2, &args->items[i]);
  return 0;
}

void release_args(luna_values* args) {
  for (std::size_t i = 0; i < args->count; ++i) luna_ref_release(args->items[i].ref);
  std::free(args->items);
}

// The host call itself, kept out of line: it holds the try/catch, the trampoline holds nothing.
[[gnu::noinline]] luna_status invoke_host(CallbackBox* box, const luna_value* args, std::size_t n,
                                          luna_results* out) {
  try {
    return box->fn(box->userdata, box->state, args, n, out);
  } catch (...) {
    return LUNA_ERROR_RUNTIME;
  }
}

int callback_trampoline(lua_State* L) {
  auto* box = static_cast<CallbackBox*>(lua_touserdata(L, lua_upvalueindex(1)));
  if (box->fn == nullptr) return luaL_error(L, "host function called after its destruction");
  luna_state* S = box->state;
  int nargs = lua_gettop(L);
  luna_values args{0, nullptr};
  if (nargs > 0) {
    args.items = static_cast<luna_value*>(std::calloc(static_cast<std::size_t>(nargs), sizeof(luna_value)));
    if (args.items == nullptr) raise_host_oom(L);
    args.count = static_cast<std::size_t>(nargs);
  }
  luaL_checkstack(L, nargs + 3, "too many arguments to a host function");
  lua_pushcfunction(L, convert_args);
  lua_pushlightuserdata(L, &args);
  for (int i = 1; i <= nargs; ++i) lua_pushvalue(L, i);
  if (lua_pcall(L, nargs + 1, 0, 0) != LUA_OK) {
    release_args(&args);
    raise_host_oom(L);  // only allocations can fail there
  }
  lua_State* saved = S->current;
  S->current = L;
  luna_results results{L, S, 0, 0};
  luna_status st = invoke_host(box, args.items, args.count, &results);
  S->current = saved;
  release_args(&args);
  if (pending_stop(S) != 0) raise_interrupt(L, S, pending_stop(S));  // a nested call was stopped
  switch (st) {
    case LUNA_OK:
      if (results.error_index != 0) {  // results above the error value: drop it
        lua_remove(L, results.error_index);
      }
      return results.count;
    case LUNA_YIELD:
      return luaL_error(L, "a host function returned LUNA_YIELD, which it cannot do");
    case LUNA_CANCELLED: case LUNA_ERROR_TIMEOUT: case LUNA_ERROR_BUDGET:
      raise_interrupt(L, S, st);
    case LUNA_ERROR_MEMORY:
      raise_host_oom(L);
    default:
      if (results.error_index != 0) {
        lua_pushvalue(L, results.error_index);
      } else {
        lua_pushfstring(L, "host function failed (%s)", luna_status_name(st));
      }
      return lua_error(L);
  }
}

int push_one(lua_State* L) {
  push_value(L, static_cast<const luna_value*>(lua_touserdata(L, 1)));
  return 1;
}

luna_status results_push(luna_results* out, const luna_value* value) {
  if (out == nullptr || !check_value(out->S, value)) return LUNA_ERROR_ARGUMENT;
  lua_State* L = out->L;
  if (lua_checkstack(L, 3) == 0) return LUNA_ERROR_MEMORY;
  lua_pushcfunction(L, push_one);
  lua_pushlightuserdata(L, const_cast<luna_value*>(value));
  if (lua_pcall(L, 1, 1, 0) != LUA_OK) {
    lua_pop(L, 1);
    return LUNA_ERROR_MEMORY;
  }
  return LUNA_OK;
}

const char* mode_string(luna_state* S, luna_load_mode mode) {
  bool binary_allowed = (S->libraries & LUNA_LIB_BINARY_CHUNKS) != 0;
  switch (mode) {
    case LUNA_LOAD_TEXT: return "t";
    case LUNA_LOAD_BINARY: return binary_allowed ? "b" : nullptr;
    case LUNA_LOAD_ANY: return binary_allowed ? "bt" : "t";
    default: return nullptr;
  }
}

// A load failure inside a body is raised as a Lua error; the caller restores its real status.
void load_or_raise(lua_State* L, const char* chunk, std::size_t length, const char* name,
                   const char* mode, int* load_status) {
  *load_status = load_chunk(L, chunk, length, name != nullptr ? name : "=chunk", mode);
  if (*load_status != LUA_OK) lua_error(L);
}

luna_status load_status_to(luna_status st, int load_status, luna_error** error) {
  if (st == LUNA_OK || load_status == LUA_OK) return st;
  luna_status real = load_status == LUA_ERRMEM ? LUNA_ERROR_MEMORY : LUNA_ERROR_SYNTAX;
  if (error != nullptr && *error != nullptr) (*error)->status = real;
  return real;
}

// Pushes the thread of a THREAD value without allocating (registry array read).
lua_State* thread_of(luna_state* S, const luna_value* v) {
  lua_State* L = S->current;
  if (lua_checkstack(L, 1) == 0) return nullptr;
  push_value(L, v);
  lua_State* co = lua_tothread(L, -1);
  lua_pop(L, 1);
  return co;
}

int coroutine_status(luna_state* S, lua_State* co) {
  if (co == S->current) return LUNA_CO_RUNNING;
  switch (lua_status(co)) {
    case LUA_YIELD: return LUNA_CO_SUSPENDED;
    case LUA_OK: {
      lua_Debug ar;
      if (lua_getstack(co, 0, &ar) != 0) return LUNA_CO_NORMAL;
      return lua_gettop(co) == 0 ? LUNA_CO_DEAD : LUNA_CO_SUSPENDED;
    }
    default: return LUNA_CO_DEAD;
  }
}

int collect_body(lua_State* L) {
  auto* out = static_cast<luna_values*>(lua_touserdata(L, 1));
  collect_values(L, 2, lua_gettop(L) - 1, out);
  return 0;
}

}  // namespace

namespace luna::embed {

int collect_protected(lua_State* L, int first, int n, luna_values* out) {
  if (lua_checkstack(L, 2) == 0) return LUA_ERRMEM;
  lua_pushcfunction(L, collect_body);
  lua_insert(L, first);
  lua_pushlightuserdata(L, out);
  lua_insert(L, first + 1);
  int st = lua_pcall(L, n + 1, 0, 0);
  if (st != LUA_OK) {
    lua_pop(L, 1);
    luna_values_release(out);
  }
  return st;
}

}  // namespace luna::embed

// ---- exported: chunks and calls --------------------------------------------------------------------

LUA_API luna_status luna_load(luna_state* S, const char* chunk, size_t length, const char* name,
                              luna_load_mode mode, luna_value* out, luna_error** error) {
  if (error != nullptr) *error = nullptr;
  if (out != nullptr) *out = luna_nil();
  Entry entry(S);
  if (entry.status() != LUNA_OK) return fail(entry, entry.status(), error, luna_status_name(entry.status()));
  if (out == nullptr || (chunk == nullptr && length != 0)) {
    return fail(entry, LUNA_ERROR_ARGUMENT, error, "invalid argument");
  }
  const char* mode_text = mode_string(S, mode);
  if (mode_text == nullptr) {
    return fail(entry, LUNA_ERROR_SYNTAX, error, "binary chunks are not allowed in this state");
  }
  int load_status = LUA_OK;
  auto body = [&](lua_State* L) {
    load_or_raise(L, chunk != nullptr ? chunk : "", length, name, mode_text, &load_status);
    to_owned_value(L, -1, out);
    lua_settop(L, 0);
  };
  luna_status st = run_body(entry, S, body, error);
  st = load_status_to(st, load_status, error);  // after the body ran: it sets load_status
  if (st != LUNA_OK) luna_value_release(out);
  return st;
}

LUA_API luna_status luna_call(luna_state* S, const luna_value* function, const luna_value* args,
                              size_t nargs, luna_values* results, luna_error** error) {
  if (error != nullptr) *error = nullptr;
  if (results != nullptr) *results = luna_values{0, nullptr};
  Entry entry(S);
  if (entry.status() != LUNA_OK) return fail(entry, entry.status(), error, luna_status_name(entry.status()));
  if (!check_value(S, function) || !check_values(S, args, nargs)) {
    return fail(entry, LUNA_ERROR_ARGUMENT, error, "invalid argument");
  }
  auto body = [&](lua_State* L) {
    luaL_checkstack(L, static_cast<int>(nargs) + 2, "too many arguments");
    push_value(L, function);
    for (std::size_t i = 0; i < nargs; ++i) push_value(L, &args[i]);
    lua_call(L, static_cast<int>(nargs), LUA_MULTRET);
    if (results != nullptr) collect_values(L, 1, lua_gettop(L), results);
    lua_settop(L, 0);
  };
  luna_status st = run_body(entry, S, body, error);
  if (st != LUNA_OK) luna_values_release(results);
  return st;
}

LUA_API luna_status luna_execute(luna_state* S, const char* chunk, size_t length, const char* name,
                                 const luna_value* args, size_t nargs, luna_values* results,
                                 luna_error** error) {
  if (error != nullptr) *error = nullptr;
  if (results != nullptr) *results = luna_values{0, nullptr};
  Entry entry(S);
  if (entry.status() != LUNA_OK) return fail(entry, entry.status(), error, luna_status_name(entry.status()));
  if ((chunk == nullptr && length != 0) || !check_values(S, args, nargs)) {
    return fail(entry, LUNA_ERROR_ARGUMENT, error, "invalid argument");
  }
  int load_status = LUA_OK;
  auto body = [&](lua_State* L) {
    luaL_checkstack(L, static_cast<int>(nargs) + 2, "too many arguments");
    load_or_raise(L, chunk != nullptr ? chunk : "", length, name, "t", &load_status);
    for (std::size_t i = 0; i < nargs; ++i) push_value(L, &args[i]);
    lua_call(L, static_cast<int>(nargs), LUA_MULTRET);
    if (results != nullptr) collect_values(L, 1, lua_gettop(L), results);
    lua_settop(L, 0);
  };
  luna_status st = run_body(entry, S, body, error);
  st = load_status_to(st, load_status, error);  // after the body ran: it sets load_status
  if (st != LUNA_OK) luna_values_release(results);
  return st;
}

// ---- exported: host callbacks --------------------------------------------------------------------

LUA_API luna_status luna_new_function(luna_state* S, luna_callback fn, void* userdata,
                                      luna_destructor destroy, luna_value* out) {
  if (out != nullptr) *out = luna_nil();
  bool armed = false;  // once the box holds the destructor, the collector owns calling it
  luna_status st;
  {
    Entry entry(S);
    if (entry.status() != LUNA_OK) {
      st = entry.finish(entry.status());
    } else if (fn == nullptr || out == nullptr) {
      st = entry.finish(LUNA_ERROR_ARGUMENT);
    } else {
      auto body = [&](lua_State* L) {
        auto* box = static_cast<CallbackBox*>(lua_newuserdatauv(L, sizeof(CallbackBox), 0));
        *box = CallbackBox{nullptr, nullptr, nullptr, S};
        if (luaL_newmetatable(L, callback_metatable) != 0) {
          lua_pushcfunction(L, callback_gc);
          lua_setfield(L, -2, "__gc");
          lua_pushliteral(L, "host function");
          lua_setfield(L, -2, "__name");
        }
        lua_setmetatable(L, -2);
        lua_pushcclosure(L, callback_trampoline, 1);
        to_owned_value(L, -1, out);
        *box = CallbackBox{fn, userdata, destroy, S};  // cannot fail: armed from here on
        armed = true;
        lua_settop(L, 0);
      };
      st = run_body(entry, S, body, nullptr);
    }
  }
  if (st != LUNA_OK) {
    if (out != nullptr) luna_value_release(out);
    if (!armed && destroy != nullptr) destroy(userdata);
  }
  return st;
}

LUA_API luna_status luna_results_push(luna_results* out, const luna_value* value) {
  luna_status st = results_push(out, value);
  if (st == LUNA_OK) out->count++;
  return st;
}

LUA_API luna_status luna_results_error(luna_results* out, const luna_value* value) {
  luna_status st = results_push(out, value);
  if (st != LUNA_OK) return st;
  if (out->error_index != 0) {  // replace the previous error value
    lua_replace(out->L, out->error_index);
  } else {
    // Keep the error value below the results pushed so far, so they stay on top.
    out->error_index = lua_gettop(out->L) - out->count;
    lua_insert(out->L, out->error_index);
  }
  return LUNA_OK;
}

// ---- exported: coroutines ------------------------------------------------------------------------

LUA_API luna_status luna_coroutine_new(luna_state* S, const luna_value* function, luna_value* out) {
  if (out != nullptr) *out = luna_nil();
  Entry entry(S);
  if (entry.status() != LUNA_OK) return entry.finish(entry.status());
  if (out == nullptr || !check_value(S, function)) return entry.finish(LUNA_ERROR_ARGUMENT);
  auto body = [&](lua_State* L) {
    lua_State* co = lua_newthread(L);
    push_value(L, function);
    lua_xmove(L, co, 1);
    to_owned_value(L, -1, out);
    lua_settop(L, 0);
  };
  luna_status st = run_body(entry, S, body, nullptr);
  if (st != LUNA_OK) luna_value_release(out);
  return st;
}

LUA_API int luna_coroutine_status_of(luna_state* S, const luna_value* coroutine) {
  if (S == nullptr || coroutine == nullptr || coroutine->type != LUNA_TTHREAD || !check_value(S, coroutine)) {
    return -1;
  }
  // A query, not a call: no Entry (it would consume a pending cancel). Owner thread only.
  lua_State* co = thread_of(S, coroutine);
  return co == nullptr ? -1 : coroutine_status(S, co);
}

LUA_API luna_status luna_resume(luna_state* S, const luna_value* coroutine, const luna_value* args,
                                size_t nargs, luna_values* results, luna_error** error) {
  if (error != nullptr) *error = nullptr;
  if (results != nullptr) *results = luna_values{0, nullptr};
  Entry entry(S);
  if (entry.status() != LUNA_OK) return fail(entry, entry.status(), error, luna_status_name(entry.status()));
  if (coroutine == nullptr || coroutine->type != LUNA_TTHREAD || !check_value(S, coroutine) ||
      !check_values(S, args, nargs)) {
    return fail(entry, LUNA_ERROR_ARGUMENT, error, "invalid argument");
  }
  lua_State* co = thread_of(S, coroutine);
  if (co == nullptr) return fail(entry, LUNA_ERROR_MEMORY, error, "not enough memory");
  if (coroutine_status(S, co) != LUNA_CO_SUSPENDED) {
    return fail(entry, LUNA_ERROR_ARGUMENT, error, "cannot resume non-suspended coroutine");
  }
  // Arguments are built on the current thread under protection, then moved (no allocation).
  auto push_args = [&](lua_State* L) {
    luaL_checkstack(L, static_cast<int>(nargs) + 1, "too many arguments");
    for (std::size_t i = 0; i < nargs; ++i) push_value(L, &args[i]);
  };
  int base = 0;
  luna_status st = protect(S, push_args, &base, error);
  if (st != LUNA_OK) return entry.finish(st);
  lua_State* L = S->current;
  if (lua_checkstack(co, static_cast<int>(nargs) + LUA_MINSTACK) == 0) {
    lua_settop(L, base);
    return fail(entry, LUNA_ERROR_MEMORY, error, "not enough memory");
  }
  lua_xmove(L, co, static_cast<int>(nargs));
  int nres = 0;
  int lua_st = lua_resume(co, L, static_cast<int>(nargs), &nres);
  st = status_from_lua(S, lua_st);
  if (st == LUNA_OK || st == LUNA_YIELD) {
    if (lua_checkstack(L, nres + 4) == 0) {
      lua_pop(co, nres);
      return fail(entry, LUNA_ERROR_MEMORY, error, "not enough memory");
    }
    lua_xmove(co, L, nres);
    if (results != nullptr) {
      int collected = collect_protected(L, base + 1, nres, results);
      if (collected != LUA_OK) st = LUNA_ERROR_MEMORY;
    }
    lua_settop(L, base);
    if (st == LUNA_ERROR_MEMORY && error != nullptr) *error = simple_error(st, "not enough memory");
    return entry.finish(st);
  }
  // Failed: the coroutine is dead; its frames are still there for the traceback.
  capture_trace(co, 0, &S->trace);
  if (error != nullptr && lua_checkstack(L, 4) != 0) {
    lua_xmove(co, L, 1);
    try {
      *error = new_error(S, st, L, &S->trace);
    } catch (const std::bad_alloc&) {
      *error = nullptr;
    }
  }
  lua_settop(L, base);
  return entry.finish(st);
}
