// Declarations shared by the pybind11 binding files (module.cpp, runtime_bind.cpp, objects_bind.cpp).
#pragma once

#include <pybind11/pybind11.h>

#include "core.h"

namespace luna::python {

// A new reference as py::object; nullptr means a Python exception is set (thrown as such).
pybind11::object steal(PyObject* o);
void bind_runtime(pybind11::module_& m);
void bind_objects(pybind11::module_& m);

}  // namespace luna::python
