// Python wrappers of Lua objects: LuaObject (base), Table, Function, Coroutine, Userdata.
// Table implements the mapping protocol in C++ (the pure-Python layer registers it as a
// collections.abc.MutableMapping and adds the views); Function is called through a tp_call slot
// set directly on its type, which skips pybind11's argument dispatch on the hottest path.
#include <string>

#include "bindings.h"
#include "wrappers.h"

namespace py = pybind11;

namespace luna::python {

namespace {

const char* type_name(int type) {
  switch (type) {
    case LUNA_TTABLE: return "table";
    case LUNA_TFUNCTION: return "function";
    case LUNA_TTHREAD: return "thread";
    case LUNA_TUSERDATA: return "userdata";
    default: return "?";
  }
}

luna_value key_of(Core& core, py::handle key, Temporaries& temps) {
  luna_value v{};
  if (!to_lua(core, key.ptr(), &v, temps)) throw py::error_already_set();
  return v;
}

[[noreturn]] void raise_error(Core& core, luna_status st, luna_error* error, const char* what) {
  raise_lua_error(core, st, error, what);
  throw py::error_already_set();
}

py::object table_get(Table& t, py::handle key, bool* found) {
  Core& core = *t.core;
  Core::Lock lock(core);
  Temporaries temps;
  luna_value k = key_of(core, key, temps);
  luna_value out{};
  luna_error* error = nullptr;
  luna_status st = luna_get_fast(core.state(), &t.value, &k, &out, &error);
  if (st != LUNA_OK) raise_error(core, st, error, "index");
  *found = out.type != LUNA_TNIL;
  return steal(from_lua_owned(core, &out));
}

void table_set(Table& t, py::handle key, py::handle value) {
  Core& core = *t.core;
  Core::Lock lock(core);
  Temporaries temps;
  luna_value k = key_of(core, key, temps);
  luna_value v{};
  if (!to_lua(core, value.ptr(), &v, temps)) throw py::error_already_set();
  luna_error* error = nullptr;
  luna_status st = luna_set_fast(core.state(), &t.value, &k, &v, &error);
  if (st != LUNA_OK) raise_error(core, st, error, "assignment");
}

// Raw traversal in `next` order; kind 0 keys, 1 values, 2 (key, value) pairs.
struct TableIterator {
  py::object table;  // keeps the Table alive
  Table* target;
  luna_value key{};  // owned: where the traversal is
  int kind;
  bool done = false;
  ~TableIterator() { luna_value_release(&key); }

  py::object next() {
    if (done) throw py::stop_iteration();
    Core& core = *target->core;
    Core::Lock lock(core);
    luna_value k{}, v{};
    luna_status st = luna_next(core.state(), &target->value, &key, &k, &v);
    if (st != LUNA_OK) {
      done = true;
      throw py::value_error(std::string("table iteration failed (keys added during iteration?): ") +
                            luna_status_name(st));
    }
    luna_value_release(&key);
    key = k;
    if (k.type == LUNA_TNIL) {
      done = true;
      luna_value_release(&v);
      throw py::stop_iteration();
    }
    if (kind == 1) return steal(from_lua_owned(core, &v));
    py::object pk = steal(from_lua_borrowed(core, &key));
    if (kind == 0) {
      luna_value_release(&v);
      return pk;
    }
    py::object pv = steal(from_lua_owned(core, &v));
    return py::make_tuple(pk, pv);
  }
};

std::size_t table_count(Table& t) {
  Core& core = *t.core;
  Core::Lock lock(core);
  std::size_t n = 0;
  luna_value key = luna_nil();
  for (;;) {
    luna_value k{}, v{};
    luna_status st = luna_next(core.state(), &t.value, &key, &k, &v);
    luna_value_release(&key);
    luna_value_release(&v);
    if (st != LUNA_OK) throw py::value_error("table traversal failed");
    key = k;
    if (k.type == LUNA_TNIL) break;
    ++n;
  }
  return n;
}

// Fills t[start], t[start+1], ... from an iterable: converted in chunks, each chunk stored with
// one luna_rawset_array call.
void fill_sequence(Table& t, py::iterable items, std::int64_t start) {
  Core& core = *t.core;
  Core::Lock lock(core);
  constexpr std::size_t chunk = 256;
  luna_value values[chunk];
  std::int64_t next = start;
  py::iterator it = py::iter(items);
  for (;;) {
    Temporaries temps;
    std::size_t n = 0;
    for (; n < chunk && it != py::iterator::sentinel(); ++it, ++n) {
      PyObject* item = (*it).ptr();
      Py_INCREF(item);  // a str's UTF-8 buffer must outlive the iterator's current item
      temps.keep_object(item);
      if (!to_lua(core, item, &values[n], temps)) throw py::error_already_set();
    }
    if (n == 0) break;
    luna_status st = luna_rawset_array(core.state(), &t.value, next, values, n);
    if (st != LUNA_OK) raise_error(core, st, nullptr, "table fill");
    next += static_cast<std::int64_t>(n);
  }
}

void fill_mapping(Table& t, py::handle mapping) {
  Core& core = *t.core;
  Core::Lock lock(core);
  py::object items = py::reinterpret_steal<py::object>(PyMapping_Items(mapping.ptr()));
  if (!items) throw py::error_already_set();
  for (py::handle pair : items) {
    Temporaries temps;
    luna_value k{}, v{};
    PyObject* key = PyTuple_GET_ITEM(pair.ptr(), 0);
    PyObject* value = PyTuple_GET_ITEM(pair.ptr(), 1);
    if (!to_lua(core, key, &k, temps) || !to_lua(core, value, &v, temps)) throw py::error_already_set();
    luna_status st = luna_rawset(core.state(), &t.value, &k, &v);
    if (st == LUNA_ERROR_ARGUMENT) throw py::value_error("a Lua table key cannot be None or NaN");
    if (st != LUNA_OK) raise_error(core, st, nullptr, "table fill");
  }
}

py::list to_list(Table& t) {
  Core& core = *t.core;
  Core::Lock lock(core);
  std::uint64_t n = 0;
  if (luna_rawlen(core.state(), &t.value, &n) != LUNA_OK) throw py::type_error("not a table");
  py::list result(static_cast<std::size_t>(n));
  constexpr std::uint64_t chunk = 256;
  luna_value values[chunk];
  for (std::uint64_t done = 0; done < n;) {
    std::uint64_t count = n - done < chunk ? n - done : chunk;
    luna_status st = luna_rawget_array(core.state(), &t.value, static_cast<std::int64_t>(done + 1), count, values);
    if (st != LUNA_OK) raise_error(core, st, nullptr, "table read");
    std::uint64_t i = 0;
    for (; i < count; ++i) {
      PyObject* item = from_lua_owned(core, &values[i]);
      luna_value_release(&values[i]);
      if (item == nullptr) break;
      PyList_SET_ITEM(result.ptr(), static_cast<Py_ssize_t>(done + i), item);
    }
    if (i < count) {
      for (; i < count; ++i) luna_value_release(&values[i]);
      throw py::error_already_set();
    }
    done += count;
  }
  return result;
}

PyObject* function_tp_call(PyObject* self, PyObject* args, PyObject* kwargs) {
  if (kwargs != nullptr && PyDict_GET_SIZE(kwargs) != 0) {
    PyErr_SetString(PyExc_TypeError, "Lua functions take no keyword arguments");
    return nullptr;
  }
  LuaObject* f = lua_object_of(self);
  if (f == nullptr) {
    PyErr_SetString(PyExc_TypeError, "not a Lua function");
    return nullptr;
  }
  Py_ssize_t n = PyTuple_GET_SIZE(args);
  try {
    return call_lua(*f->core, &f->value, n > 0 ? &PyTuple_GET_ITEM(args, 0) : nullptr,
                    static_cast<std::size_t>(n));
  } catch (py::error_already_set& e) {
    e.restore();
  } catch (std::exception& e) {
    PyErr_SetString(PyExc_RuntimeError, e.what());
  }
  return nullptr;
}

// t[key] and t[key] = value / del t[key] as mapping slots set directly on the Table type (the
// pybind11 definitions of __getitem__ & co. stay for explicit calls; the slots skip the dispatcher).
template <class Body>
auto guarded(Body body, decltype(body()) failure) {
  try {
    return body();
  } catch (py::error_already_set& e) {
    e.restore();
  } catch (py::builtin_exception& e) {
    e.set_error();
  } catch (std::exception& e) {
    PyErr_SetString(PyExc_RuntimeError, e.what());
  }
  return failure;
}

PyObject* table_subscript(PyObject* self, PyObject* key) {
  return guarded([&]() -> PyObject* {
    bool found = false;
    py::object v = table_get(*cpp_pointer<Table>(self), key, &found);
    if (!found) {
      PyErr_SetObject(PyExc_KeyError, key);
      return nullptr;
    }
    return v.release().ptr();
  }, nullptr);
}

int table_ass_subscript(PyObject* self, PyObject* key, PyObject* value) {
  return guarded([&]() -> int {
    Table& t = *cpp_pointer<Table>(self);
    if (value == nullptr) {
      bool found = false;
      table_get(t, key, &found);
      if (!found) {
        PyErr_SetObject(PyExc_KeyError, key);
        return -1;
      }
      table_set(t, key, Py_None);
    } else {
      table_set(t, key, value);
    }
    return 0;
  }, -1);
}

}  // namespace

void bind_objects(py::module_& m) {
  py::class_<AccessWrapper>(m, "_AccessWrapper")
      .def(py::init([](py::object o, int mode) {
        return new AccessWrapper{std::move(o), mode == 1 ? AccessMode::attributes : AccessMode::items};
      }))
      .def_property_readonly("object", [](AccessWrapper& w) { return w.object; });

  py::class_<LuaObject> base(m, "LuaObject");
  base.def_property_readonly("lua_type", [](LuaObject& o) { return type_name(o.value.type); })
      .def("__eq__",
           [](LuaObject& a, py::object other) {
             LuaObject* b = lua_object_of(other.ptr());
             if (b == nullptr || b->core != a.core || a.core->closed()) return false;
             Core::Lock lock(*a.core);
             return luna_rawequal(a.core->state(), &a.value, &b->value) != 0;
           })
      .def("__ne__",
           [](LuaObject& a, py::object other) {
             LuaObject* b = lua_object_of(other.ptr());
             if (b == nullptr || b->core != a.core || a.core->closed()) return true;
             Core::Lock lock(*a.core);
             return luna_rawequal(a.core->state(), &a.value, &b->value) == 0;
           })
      .def("__repr__", [](LuaObject& o) {
        std::string prefix = std::string("<luna.") + (o.value.type == LUNA_TTABLE      ? "Table"
                                                      : o.value.type == LUNA_TFUNCTION ? "Function"
                                                      : o.value.type == LUNA_TTHREAD   ? "Coroutine"
                                                                                       : "Userdata");
        if (o.core->closed()) return prefix + " (runtime closed)>";
        Core::Lock lock(*o.core);
        luna_value s{};
        if (luna_tostring(o.core->state(), &o.value, &s, nullptr) != LUNA_OK) return prefix + ">";
        std::string text(s.string, s.length);
        luna_value_release(&s);
        return prefix + " " + text + ">";
      });
  base.attr("__hash__") = py::none();

  py::class_<Table, LuaObject>(m, "Table")
      .def("__getitem__",
           [](Table& t, py::handle key) {
             bool found = false;
             py::object v = table_get(t, key, &found);
             if (!found) throw py::key_error(py::repr(key).cast<std::string>());
             return v;
           })
      .def("get",
           [](Table& t, py::handle key, py::object fallback) {
             bool found = false;
             py::object v = table_get(t, key, &found);
             return found ? v : fallback;
           },
           py::arg("key"), py::arg("default") = py::none())
      .def("__setitem__", &table_set)
      .def("__delitem__",
           [](Table& t, py::handle key) {
             bool found = false;
             table_get(t, key, &found);
             if (!found) throw py::key_error(py::repr(key).cast<std::string>());
             table_set(t, key, py::none());
           })
      .def("__contains__",
           [](Table& t, py::handle key) {
             if (key.is_none()) return false;
             bool found = false;
             table_get(t, key, &found);
             return found;
           })
      .def("__len__", &table_count, "Number of entries (all keys, not Lua's #).")
      .def("__bool__",
           [](Table& t) {
             Core::Lock lock(*t.core);
             luna_value key = luna_nil(), k{}, v{};
             luna_status st = luna_next(t.core->state(), &t.value, &key, &k, &v);
             bool any = st == LUNA_OK && k.type != LUNA_TNIL;
             luna_value_release(&k);
             luna_value_release(&v);
             return any;
           })
      .def("__iter__", [](py::object self) { return TableIterator{self, cpp_pointer<Table>(self.ptr()), {}, 0}; })
      .def("_iter", [](py::object self, int kind) { return TableIterator{self, cpp_pointer<Table>(self.ptr()), {}, kind}; })
      .def("_rawlen",
           [](Table& t) {
             Core::Lock lock(*t.core);
             std::uint64_t n = 0;
             luna_rawlen(t.core->state(), &t.value, &n);
             return n;
           })
      .def("_fill_sequence", &fill_sequence, py::arg("items"), py::arg("start") = 1)
      .def("_fill_mapping", &fill_mapping)
      .def("_to_list", &to_list);

  auto* table_type = reinterpret_cast<PyTypeObject*>(m.attr("Table").ptr());
  table_type->tp_as_mapping->mp_subscript = table_subscript;
  table_type->tp_as_mapping->mp_ass_subscript = table_ass_subscript;

  py::class_<TableIterator>(m, "_TableIterator")
      .def("__iter__", [](py::object self) { return self; })
      .def("__next__", &TableIterator::next);

  py::class_<Function, LuaObject> function(m, "Function");
  function.def("coroutine",
               [](py::object self, py::args args) {
                 Function& f = *cpp_pointer<Function>(self.ptr());
                 Core::Lock lock(*f.core);
                 luna_value co{};
                 luna_status st = luna_coroutine_new(f.core->state(), &f.value, &co);
                 if (st != LUNA_OK) throw py::type_error(std::string("cannot make a coroutine: ") + luna_status_name(st));
                 return py::cast(new Coroutine(f.core, co, args.ptr()), py::return_value_policy::take_ownership);
               },
               "A Lua coroutine running this function with args; it is a Python generator.");
  reinterpret_cast<PyTypeObject*>(function.ptr())->tp_call = function_tp_call;

  py::class_<Coroutine, LuaObject>(m, "Coroutine")
      .def("_resume",
           [](Coroutine& co, py::tuple args, py::object exception) {
             int kind = 0;
             PyObject* payload = resume_coroutine(co, args.ptr(), exception.is_none() ? nullptr : exception.ptr(), &kind);
             py::object result = steal(payload);
             return py::make_tuple(kind, result);
           })
      .def("_close",
           [](Coroutine& co) {
             Core& core = *co.core;
             co.finished = true;
             if (core.close_coroutine.type != LUNA_TFUNCTION) return py::object(py::none());
             PyObject* self_args[1];
             Core::Lock lock(core);
             py::object self = steal(from_lua_borrowed(core, &co.value));
             self_args[0] = self.ptr();
             return steal(call_lua(core, &core.close_coroutine, self_args, 1));
           })
      .def_property_readonly("started", [](Coroutine& co) { return co.started; })
      .def_property_readonly("finished", [](Coroutine& co) { return co.finished; })
      .def_property_readonly("status", [](Coroutine& co) {
        Core::Lock lock(*co.core);
        switch (luna_coroutine_status_of(co.core->state(), &co.value)) {
          case LUNA_CO_SUSPENDED: return "suspended";
          case LUNA_CO_RUNNING: return "running";
          case LUNA_CO_NORMAL: return "normal";
          default: return "dead";
        }
      });

  py::class_<Userdata, LuaObject>(m, "Userdata");

  m.def("lua_type", [](py::handle o) -> py::object {
    LuaObject* lua = lua_object_of(o.ptr());
    if (lua == nullptr) return py::none();
    return py::str(type_name(lua->value.type));
  }, "Lua's type name of a Lua object ('table', 'function', 'thread', 'userdata'), else None.");

  types.lua_object = base.ptr();
  types.table = m.attr("Table").ptr();
  types.function = function.ptr();
  types.coroutine = m.attr("Coroutine").ptr();
  types.userdata = m.attr("Userdata").ptr();
  types.access_wrapper = m.attr("_AccessWrapper").ptr();
}

}  // namespace luna::python
