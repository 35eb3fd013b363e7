// Full userdata: header, nuvalue user values, then the memory block aligned to max_align_t.
#include "object/userdata.h"

#include <cstddef>
#include <cstdint>

#include "gc/gc.h"
#include "object/sizes.h"
#include "runtime/error.h"

namespace luna {

std::size_t Udata::memory_offset(std::uint16_t nuvalue) {
  constexpr std::size_t align = alignof(std::max_align_t);
  std::size_t end = sizes::udata_header + sizeof(Value) * nuvalue;
  return (end + align - 1) / align * align;
}

namespace userdata {

Udata* new_udata(lua_State* L, std::size_t size, int nuvalue) {
  auto count = static_cast<std::uint16_t>(nuvalue);
  std::size_t offset = Udata::memory_offset(count);
  if (size > SIZE_MAX / 2 - offset) runtime::run_error(L, "memory allocation error: block too big");
  auto* u = static_cast<Udata*>(gc::new_object(L, tag::userdata, offset + size));
  u->nuvalue = count;
  u->len = size;
  u->metatable = nullptr;
  u->gc_list = nullptr;
  for (int i = 0; i < nuvalue; i++) u->uv[i].set_nil();
  return u;
}

}  // namespace userdata
}  // namespace luna
