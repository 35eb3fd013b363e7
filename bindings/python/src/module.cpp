// luna._luna: the compiled half of the `luna` package (see luna/__init__.py for the public API).
#include "bindings.h"

namespace py = pybind11;

PYBIND11_MODULE(_luna, m) {
  m.doc() = "Luna (a Lua 5.4 engine) for Python: the extension module under the luna package.";
  luna::python::init_exceptions(m.ptr());
  if (PyErr_Occurred()) throw py::error_already_set();
  luna::python::bind_objects(m);
  luna::python::bind_runtime(m);
  m.attr("ABI_VERSION") = luna_abi_version();
  m.attr("LUA_MAXINTEGER") = INT64_MAX;
  m.attr("LUA_MININTEGER") = INT64_MIN;
  py::dict libs;
  libs["base"] = LUNA_LIB_BASE;
  libs["base_files"] = LUNA_LIB_BASE_FILES;
  libs["binary_chunks"] = LUNA_LIB_BINARY_CHUNKS;
  libs["package"] = LUNA_LIB_PACKAGE;
  libs["coroutine"] = LUNA_LIB_COROUTINE;
  libs["table"] = LUNA_LIB_TABLE;
  libs["io"] = LUNA_LIB_IO;
  libs["os"] = LUNA_LIB_OS;
  libs["os_time"] = LUNA_LIB_OS_TIME;
  libs["string"] = LUNA_LIB_STRING;
  libs["math"] = LUNA_LIB_MATH;
  libs["utf8"] = LUNA_LIB_UTF8;
  libs["debug"] = LUNA_LIB_DEBUG;
  m.attr("LIBRARY_BITS") = libs;
  m.attr("LIBS_FULL") = LUNA_LIBS_FULL;
  m.attr("LIBS_SANDBOX") = LUNA_LIBS_SANDBOX;
  m.attr("OPTION_NO_LIMITS") = LUNA_OPTION_NO_LIMITS;
}
