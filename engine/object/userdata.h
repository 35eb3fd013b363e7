// Full userdata with user values. Contract: memory block aligned for max_align_t, user values nil.
#pragma once

#include <cstddef>

#include "object/objects.h"

namespace luna::userdata {

Udata* new_udata(lua_State* L, std::size_t size, int nuvalue);

}  // namespace luna::userdata
