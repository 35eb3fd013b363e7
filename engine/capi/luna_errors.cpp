// luna.h, part 3: error records (the original value, a message, structured traceback frames).
#include <cstdlib>
#include <cstring>
#include <new>

#include "capi/luna_internal.h"

using namespace luna::embed;

namespace {

void copy_text(char* out, std::size_t size, const char* text) {
  if (text == nullptr) text = "";
  std::size_t n = std::strlen(text);
  if (n >= size) n = size - 1;
  std::memcpy(out, text, n);
  out[n] = '\0';
}

// Protected: index 1 = the error value, 2 = the record. Converts the value and builds the message.
int convert_error(lua_State* L) {
  auto* e = static_cast<luna_error*>(lua_touserdata(L, 2));
  to_owned_value(L, 1, &e->value);
  std::size_t length = 0;
  const char* text;
  int type = lua_type(L, 1);
  if (type == LUA_TSTRING || type == LUA_TNUMBER) {
    lua_pushvalue(L, 1);  // lua_tolstring converts numbers in place: work on a copy
    text = lua_tolstring(L, -1, &length);
  } else {
    text = lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
    length = std::strlen(text);
  }
  e->message = static_cast<char*>(std::malloc(length + 1));
  if (e->message == nullptr) raise_host_oom(L);
  std::memcpy(e->message, text, length);
  e->message[length] = '\0';
  e->message_length = length;
  return 0;
}

}  // namespace

namespace luna::embed {

void record_frame(RawTrace& trace, const lua_Debug& ar) {
  RawFrame& f = trace.frames[trace.count++];
  copy_text(f.source, sizeof f.source, ar.short_src);
  copy_text(f.name, sizeof f.name, ar.name);
  copy_text(f.namewhat, sizeof f.namewhat, ar.namewhat);
  copy_text(f.what, sizeof f.what, ar.what);
  f.line = ar.currentline;
  f.line_defined = ar.linedefined;
}

void capture_trace(lua_State* co, int level, RawTrace* trace) {
  trace->count = 0;
  lua_Debug ar;
  for (; trace->count < max_frames && lua_getstack(co, level, &ar) != 0; ++level) {
    if (lua_getinfo(co, "Slnt", &ar) == 0) break;
    record_frame(*trace, ar);
  }
}

luna_error* new_error(luna_state* S, luna_status st, lua_State* L, const RawTrace* trace) {
  static_cast<void>(S);
  auto* e = new (std::nothrow) luna_error{};
  if (e == nullptr) return nullptr;
  e->status = st;
  e->value = luna_nil();
  e->message = nullptr;
  e->message_length = 0;
  if (lua_checkstack(L, 4) != 0) {
    int value = lua_gettop(L);
    lua_pushcfunction(L, convert_error);
    lua_pushvalue(L, value);
    lua_pushlightuserdata(L, e);
    if (lua_pcall(L, 2, 0, 0) != LUA_OK) lua_pop(L, 1);
    state_of(L)->host_oom = false;
  }
  if (e->message == nullptr) {  // conversion failed (memory): keep at least the status
    const char* text = luna_status_name(st);
    std::size_t n = std::strlen(text);
    e->message = static_cast<char*>(std::malloc(n + 1));
    if (e->message != nullptr) {
      std::memcpy(e->message, text, n + 1);
      e->message_length = n;
    }
  }
  if (trace != nullptr) {
    try {
      e->frames.assign(trace->frames, trace->frames + trace->count);
    } catch (const std::bad_alloc&) {
      e->frames.clear();
    }
  }
  return e;
}

}  // namespace luna::embed

LUA_API luna_status luna_error_status(const luna_error* e) {
  return e == nullptr ? LUNA_ERROR_ARGUMENT : e->status;
}

LUA_API const luna_value* luna_error_value(const luna_error* e) { return e == nullptr ? nullptr : &e->value; }

LUA_API const char* luna_error_message(const luna_error* e, size_t* length) {
  const char* text = (e != nullptr && e->message != nullptr) ? e->message : "";
  if (length != nullptr) *length = (e != nullptr && e->message != nullptr) ? e->message_length : 0;
  return text;
}

LUA_API size_t luna_error_frame_count(const luna_error* e) { return e == nullptr ? 0 : e->frames.size(); }

LUA_API luna_status luna_error_frame(const luna_error* e, size_t i, luna_frame* out) {
  if (e == nullptr || out == nullptr || i >= e->frames.size()) return LUNA_ERROR_ARGUMENT;
  const RawFrame& f = e->frames[i];
  out->source = f.source;
  out->line = f.line;
  out->line_defined = f.line_defined;
  out->name = f.name;
  out->namewhat = f.namewhat;
  out->what = f.what;
  return LUNA_OK;
}

LUA_API void luna_error_release(luna_error* e) {
  if (e == nullptr) return;
  luna_value_release(&e->value);
  std::free(e->message);
  delete e;
}
