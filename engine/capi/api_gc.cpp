// The C API, part 4: lua_gc, every LUA_GC* option over the collector's interface (gc/gc.h).
#include <cstdarg>

#include "gc/gc.h"
#include "lua.h"

using namespace luna;

LUA_API int lua_gc(lua_State* L, int what, ...) {
  GlobalState* g = L->global;
  if (g->gc_stp & gc::stop::internal) return -1;  // every option is refused while stopped internally
  va_list args;
  va_start(args, what);
  int result = 0;
  switch (what) {
    case LUA_GCSTOP:
      g->gc_stp = gc::stop::user;
      break;
    case LUA_GCRESTART:
      gc::set_debt(g, 0);
      g->gc_stp = 0;
      break;
    case LUA_GCCOLLECT:
      gc::full(L, false);
      break;
    case LUA_GCCOUNT:
      result = static_cast<int>(gc::in_use(g) >> 10);
      break;
    case LUA_GCCOUNTB:
      result = static_cast<int>(gc::in_use(g) & 0x3ff);
      break;
    case LUA_GCSTEP: {
      int kb = va_arg(args, int);
      std::uint8_t old_stop = g->gc_stp;
      g->gc_stp = 0;  // a requested step runs even when the collector is stopped by the user
      result = gc::step_api(L, kb) ? 1 : 0;
      g->gc_stp = old_stop;
      break;
    }
    case LUA_GCSETPAUSE:
      result = gc::set_pause(g, va_arg(args, int));
      break;
    case LUA_GCSETSTEPMUL:
      result = gc::set_step_mul(g, va_arg(args, int));
      break;
    case LUA_GCISRUNNING:
      result = gc::is_running(g);
      break;
    case LUA_GCGEN: {
      int minor = va_arg(args, int);
      int major = va_arg(args, int);
      gc::set_gen_minor_mul(g, minor);
      gc::set_gen_major_mul(g, major);
      result = gc::set_generational(L) == GcKind::generational ? LUA_GCGEN : LUA_GCINC;
      break;
    }
    case LUA_GCINC: {
      int pause = va_arg(args, int);
      int step_mul = va_arg(args, int);
      int step_size = va_arg(args, int);
      gc::set_pause(g, pause);
      gc::set_step_mul(g, step_mul);
      gc::set_step_size(g, step_size);
      result = gc::set_incremental(L) == GcKind::generational ? LUA_GCGEN : LUA_GCINC;
      break;
    }
    default:
      result = -1;
  }
  va_end(args);
  return result;
}

