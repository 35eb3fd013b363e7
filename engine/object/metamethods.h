// Metamethod event names. The names are created once per global state (tm_name[], in Event order)
// and fixed: never collected. The absent-metamethod cache and lookup are tables::fast_tm.
#pragma once

#include "object/state.h"

namespace luna::metamethods {

const char* event_name(Event e);         // "__index", ..., "__close"
void init_names(lua_State* L);           // fills GlobalState::tm_name (state creation)

}  // namespace luna::metamethods
