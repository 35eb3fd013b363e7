// Fast access from a Python object to the C++ object pybind11 keeps inside it, for the hot paths
// (calls, conversions) that must not go through pybind11's generic casting machinery.
#pragma once

#include <pybind11/pybind11.h>

#include "core.h"

namespace luna::python {

inline constexpr const char* lightuserdata_capsule = "luna.lightuserdata";

// luna.as_attributes(obj) / luna.as_items(obj): forces how Lua indexes obj.
struct AccessWrapper {
  pybind11::object object;
  AccessMode mode;
};

template <class T>
T* cpp_pointer(PyObject* o) {
  auto* instance = reinterpret_cast<pybind11::detail::instance*>(o);
  if (instance->simple_layout) return static_cast<T*>(instance->simple_value_holder[0]);
  return pybind11::cast<T*>(pybind11::handle(o));
}

// The LuaObject inside a Table/Function/Coroutine/Userdata (single inheritance: the base is at
// offset 0 of every wrapper), or nullptr for other objects.
inline LuaObject* lua_object_of(PyObject* o) {
  if (types.lua_object == nullptr || !PyObject_TypeCheck(o, reinterpret_cast<PyTypeObject*>(types.lua_object)))
    return nullptr;
  return cpp_pointer<LuaObject>(o);
}

inline AccessWrapper* access_wrapper_of(PyObject* o) {
  if (types.access_wrapper == nullptr ||
      !PyObject_TypeCheck(o, reinterpret_cast<PyTypeObject*>(types.access_wrapper)))
    return nullptr;
  return cpp_pointer<AccessWrapper>(o);
}

}  // namespace luna::python
