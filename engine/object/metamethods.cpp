// Metamethod event names, in the order of Event (the order of the 5.4 tag-method table).
#include "object/metamethods.h"

#include <string>

#include "gc/gc.h"
#include "object/strings.h"

namespace luna::metamethods {

namespace {
constexpr const char* names[event_count] = {
    "__index", "__newindex", "__gc",  "__mode", "__len",  "__eq",     "__add",  "__sub",  "__mul",
    "__mod",   "__pow",      "__div", "__idiv", "__band", "__bor",    "__bxor", "__shl",  "__shr",
    "__unm",   "__bnot",     "__lt",  "__le",   "__concat", "__call", "__close"};
}  // namespace

const char* event_name(Event e) { return names[static_cast<int>(e)]; }

void init_names(lua_State* L) {
  GlobalState* g = L->global;
  for (int i = 0; i < event_count; i++) {
    g->tm_name[i] = strings::new_string(L, names[i], std::char_traits<char>::length(names[i]));
    gc::fix_object(L, g->tm_name[i]);
  }
}

}  // namespace luna::metamethods
