// Allocation sizes of the variable-length objects, shared by their constructors and the collector
// (which frees them). The object structs derive from GCObject, so they are not standard-layout and
// offsetof on them is only "conditionally supported": GCC supports it, and this header is the one
// place that relies on that.
#pragma once

#include <cstddef>

#include "object/objects.h"

namespace luna::sizes {

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Winvalid-offsetof"
inline constexpr std::size_t string_header = offsetof(String, data);
inline constexpr std::size_t lclosure_header = offsetof(LClosure, upvals);
inline constexpr std::size_t cclosure_header = offsetof(CClosure, upvalue);
inline constexpr std::size_t udata_header = offsetof(Udata, uv);
#pragma GCC diagnostic pop

inline std::size_t string_bytes(std::size_t len) { return string_header + len + 1; }
// Closures always have room for at least one upvalue (the struct declares [1]).
inline std::size_t lclosure_bytes(int n) {
  return lclosure_header + sizeof(UpVal*) * static_cast<std::size_t>(n > 0 ? n : 1);
}
inline std::size_t cclosure_bytes(int n) {
  return cclosure_header + sizeof(Value) * static_cast<std::size_t>(n > 0 ? n : 1);
}

}  // namespace luna::sizes
