// luna._luna.Runtime: chunks (eval/execute/compile), globals, table construction, limits.
// The pure-Python layer (luna/_runtime.py) subclasses it to parse options and add conveniences.
#include <string>

#include "bindings.h"
#include "wrappers.h"

namespace py = pybind11;

namespace luna::python {

namespace {

// A chunk as bytes: str is UTF-8 encoded, bytes-like objects are taken as they are.
std::string chunk_bytes(py::handle chunk) {
  if (PyUnicode_Check(chunk.ptr())) {
    Py_ssize_t n = 0;
    const char* s = PyUnicode_AsUTF8AndSize(chunk.ptr(), &n);
    if (s == nullptr) throw py::error_already_set();
    return std::string(s, static_cast<std::size_t>(n));
  }
  PyObject* b = PyBytes_FromObject(chunk.ptr());
  if (b == nullptr) throw py::error_already_set();
  std::string result(PyBytes_AS_STRING(b), static_cast<std::size_t>(PyBytes_GET_SIZE(b)));
  Py_DECREF(b);
  return result;
}

luna_load_mode load_mode(const std::string& mode) {
  if (mode == "t") return LUNA_LOAD_TEXT;
  if (mode == "b") return LUNA_LOAD_BINARY;
  if (mode == "bt" || mode == "tb") return LUNA_LOAD_ANY;
  throw py::value_error("mode must be 't', 'b' or 'bt'");
}

// Lua's default chunk name is the chunk itself (shown as [string "..."]); binary chunks get "=?".
std::string chunk_name(const std::string& code, const py::object& name) {
  if (!name.is_none()) return py::cast<std::string>(name);
  if (!code.empty() && code[0] == '\x1b') return "=(binary chunk)";
  return code;
}

py::object compile(Core& core, const std::string& code, const std::string& name, luna_load_mode mode) {
  Core::Lock lock(core);
  luna_value fn{};
  luna_error* error = nullptr;
  luna_status st = luna_load(core.state(), code.data(), code.size(), name.c_str(), mode, &fn, &error);
  if (st != LUNA_OK) {
    raise_lua_error(core, st, error, "compile");
    throw py::error_already_set();
  }
  return steal(wrap_lua_object(core, &fn));
}

py::object call_value(Core& core, const py::object& function, const py::args& args) {
  LuaObject* f = lua_object_of(function.ptr());
  PyObject* const* argv = args.empty() ? nullptr : &PyTuple_GET_ITEM(args.ptr(), 0);
  return steal(call_lua(core, &f->value, argv, args.size()));
}

py::object new_table(Core& core, int array_size, int hash_size) {
  Core::Lock lock(core);
  luna_value t{};
  luna_status st = luna_new_table(core.state(), array_size, hash_size, &t);
  if (st != LUNA_OK) {
    PyErr_NoMemory();
    throw py::error_already_set();
  }
  return steal(wrap_lua_object(core, &t));
}

void check(luna_status st, const char* what) {
  if (st == LUNA_OK) return;
  throw py::value_error(std::string(what) + ": " + luna_status_name(st));
}

}  // namespace

py::object steal(PyObject* o) {
  if (o == nullptr) throw py::error_already_set();
  return py::reinterpret_steal<py::object>(o);
}

void bind_runtime(py::module_& m) {
  py::class_<Core, CorePtr>(m, "_Runtime")
      .def(py::init([](std::uint32_t libraries, std::uint64_t memory_limit, std::uint32_t options,
                       const std::string& strings, bool python_access, py::object attribute_filter,
                       bool unpack_returned_tuples) {
             luna_config config{sizeof(luna_config), libraries, memory_limit, options, 0};
             StringMode mode = strings == "bytes" ? StringMode::bytes
                               : strings == "str" ? StringMode::text
                                                  : StringMode::automatic;
             if (strings != "bytes" && strings != "str" && strings != "auto")
               throw py::value_error("strings must be 'str', 'bytes' or 'auto'");
             return make_core(config, mode, python_access,
                              attribute_filter.is_none() ? nullptr : attribute_filter.ptr(),
                              unpack_returned_tuples);
           }),
           py::arg("libraries"), py::arg("memory_limit"), py::arg("options"), py::arg("strings"),
           py::arg("python_access"), py::arg("attribute_filter"), py::arg("unpack_returned_tuples"))
      .def("close", &Core::close, "Closes the Lua state (idempotent); Lua objects become unusable.")
      .def_property_readonly("closed", &Core::closed)
      .def_property_readonly("python_access", [](Core& c) { return c.python_access; })
      .def_property_readonly("string_mode", [](Core& c) {
        return c.strings == StringMode::bytes ? "bytes" : c.strings == StringMode::text ? "str" : "auto";
      })
      .def("compile",
           [](Core& core, py::object chunk, py::object name, const std::string& mode) {
             std::string code = chunk_bytes(chunk);
             return compile(core, code, chunk_name(code, name), load_mode(mode));
           },
           py::arg("chunk"), py::arg("name") = py::none(), py::arg("mode") = "t")
      .def("execute",
           [](Core& core, py::object chunk, py::args args, py::object name, const std::string& mode) {
             std::string code = chunk_bytes(chunk);
             py::object fn = compile(core, code, chunk_name(code, name), load_mode(mode));
             return call_value(core, fn, args);
           },
           py::arg("chunk"), py::kw_only(), py::arg("name") = py::none(), py::arg("mode") = "t")
      .def("eval",
           [](Core& core, py::object expression, py::args args, py::object name) {
             std::string code = chunk_bytes(expression);
             std::string shown = chunk_name(code, name);
             if (code.size() > Core::eval_cache_max_source) {
               py::object fn = compile(core, "return " + code, shown, LUNA_LOAD_TEXT);
               return call_value(core, fn, args);
             }
             Core::Lock lock(core);
             std::string key = shown + '\0' + code;
             auto found = core.eval_cache.find(key);
             if (found == core.eval_cache.end()) {
               std::string source = "return " + code;
               luna_value fn{};
               luna_error* error = nullptr;
               luna_status st =
                   luna_load(core.state(), source.data(), source.size(), shown.c_str(), LUNA_LOAD_TEXT, &fn, &error);
               if (st != LUNA_OK) {
                 raise_lua_error(core, st, error, "compile");
                 throw py::error_already_set();
               }
               if (core.eval_cache.size() >= Core::eval_cache_limit) core.clear_eval_cache();
               found = core.eval_cache.emplace(std::move(key), fn).first;
             }
             // A local copy of the handle: a nested eval may empty the cache while the call runs,
             // which is harmless since Luna reads the function only before running it (it is then
             // on the Lua stack).
             luna_value function = found->second;
             PyObject* const* argv = args.empty() ? nullptr : &PyTuple_GET_ITEM(args.ptr(), 0);
             return steal(call_lua(core, &function, argv, args.size()));
           },
           py::arg("expression"), py::kw_only(), py::arg("name") = py::none())
      .def("globals",
           [](Core& core) {
             Core::Lock lock(core);
             luna_value g{};
             check(luna_globals(core.state(), &g), "globals");
             return steal(wrap_lua_object(core, &g));
           })
      .def_property_readonly("_await_function",
                             [](Core& core) -> py::object {
                               Core::Lock lock(core);
                               if (core.await_function.type != LUNA_TFUNCTION) return py::none();
                               return steal(from_lua_borrowed(core, &core.await_function));
                             })
      .def("_new_table", &new_table, py::arg("array_size") = 0, py::arg("hash_size") = 0)
      .def("_new_coroutine",
           [](Core& core, py::object function, py::tuple args) {
             Core::Lock lock(core);
             Temporaries temps;
             luna_value fn{};
             if (!to_lua(core, function.ptr(), &fn, temps)) throw py::error_already_set();
             luna_value co{};
             luna_status st = luna_coroutine_new(core.state(), &fn, &co);
             if (st != LUNA_OK) throw py::type_error(std::string("cannot make a coroutine: ") + luna_status_name(st));
             auto* object = new Coroutine(core.shared_from_this(), co, args.ptr());
             return py::cast(object, py::return_value_policy::take_ownership);
           })
      .def("_set_memory_limit",
           [](Core& core, std::uint64_t bytes) {
             Core::Lock lock(core);
             check(luna_set_memory_limit(core.state(), bytes), "memory_limit");
           })
      .def_property_readonly("memory_used", [](Core& core) {
        Core::Lock lock(core);
        return luna_memory_used(core.state());
      })
      .def("_set_instruction_limit",
           [](Core& core, std::uint64_t n) {
             Core::Lock lock(core);
             check(luna_set_instruction_limit(core.state(), n), "instruction_limit");
           })
      .def("_set_timeout",
           [](Core& core, std::uint64_t microseconds) {
             Core::Lock lock(core);
             check(luna_set_timeout(core.state(), microseconds), "timeout");
           })
      .def_property_readonly("instructions_used",
                             [](Core& core) {
                               Core::Lock lock(core);
                               return luna_instructions_used(core.state()) * LUNA_CHECK_INTERVAL;
                             })
      .def("cancel",
           [](Core& core) {
             // From any thread, without the lock (luna_cancel is one atomic store).
             if (luna_state* S = core.state()) luna_cancel(S);
           },
           "Stops the running Lua call (or the next one) with LuaCancelledError; any thread.")
      .def("clear_cancel", [](Core& core) {
        if (luna_state* S = core.state()) luna_clear_cancel(S);
      });
}

}  // namespace luna::python
