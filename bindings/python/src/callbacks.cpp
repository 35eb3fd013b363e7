// Python seen from Lua: callables as Lua functions, other objects as proxy userdata.
// - A Python function passed to Lua becomes a Lua function (luna_new_function); it runs with the
//   GIL taken back; a tuple it returns becomes several results (unless the runtime says not to).
//   A Python exception it raises becomes a Lua error whose value is the exception itself (a proxy),
//   so Lua's pcall sees it and, if Lua does not catch it, Python gets back the same object.
//   BaseExceptions that are not Exceptions (KeyboardInterrupt, SystemExit) stop the Lua call
//   uncatchably (LUNA_CANCELLED) and are re-raised at the host boundary.
// - Any other object becomes a userdata with one shared metatable. Indexing, assignment, calls and
//   len() reach the object only if the runtime allows Python access; then attribute access goes
//   through the attribute filter (default: public names only, i.e. not starting with "_").
#include <cstring>
#include <string>

#include "core.h"
#include "wrappers.h"

namespace luna::python {

namespace {

struct CallbackData {
  Core* core;
  PyObject* function;  // strong
  PyObject* self;      // strong or nullptr: a bound method's object (dropped if passed again by o:m())
};

luna_status fail_with_message(luna_results* out, const std::string& message) {
  luna_value text = luna_string(message.data(), message.size());
  luna_results_error(out, &text);
  return LUNA_ERROR_RUNTIME;
}

// The pending Python exception as the callback's Lua error (see the header comment).
luna_status fail_with_python_error(Core& core, luna_results* out) {
  PyObject *type = nullptr, *value = nullptr, *traceback = nullptr;
  PyErr_Fetch(&type, &value, &traceback);
  PyErr_NormalizeException(&type, &value, &traceback);
  if (value == nullptr) {
    Py_XDECREF(type);
    Py_XDECREF(traceback);
    return fail_with_message(out, "a Python callback failed without an exception");
  }
  if (traceback != nullptr) PyException_SetTraceback(value, traceback);
  Py_XDECREF(type);
  Py_XDECREF(traceback);
  if (!PyObject_TypeCheck(value, reinterpret_cast<PyTypeObject*>(PyExc_Exception))) {
    Py_XSETREF(core.pending_exception, value);
    return LUNA_CANCELLED;
  }
  luna_value proxy{};
  bool wrapped = wrap_object(core, value, AccessMode::attributes, &proxy);
  if (!wrapped) {
    PyErr_Clear();
    PyObject* text = PyObject_Str(value);
    std::string message = text != nullptr && PyUnicode_Check(text) ? PyUnicode_AsUTF8(text) : "Python error";
    Py_XDECREF(text);
    Py_DECREF(value);
    PyErr_Clear();
    return fail_with_message(out, message);
  }
  Py_DECREF(value);
  luna_results_error(out, &proxy);
  luna_value_release(&proxy);
  return LUNA_ERROR_RUNTIME;
}

luna_status push_one(Core& core, luna_results* out, PyObject* item) {
  Temporaries temps;
  luna_value v{};
  if (!to_lua(core, item, &v, temps)) return fail_with_python_error(core, out);
  luna_status st = luna_results_push_many(out, &v, 1);
  return st;
}

// Pushes a Python result (consumed): None is no result (like a Lua function without return); a
// tuple spreads into several results if the runtime says so.
luna_status push_result(Core& core, luna_results* out, PyObject* result) {
  luna_status st = LUNA_OK;
  if (result == Py_None) {
    // nothing to push
  } else if (core.unpack_returned_tuples && PyTuple_CheckExact(result)) {
    Py_ssize_t n = PyTuple_GET_SIZE(result);
    for (Py_ssize_t i = 0; i < n && st == LUNA_OK; ++i) st = push_one(core, out, PyTuple_GET_ITEM(result, i));
  } else {
    st = push_one(core, out, result);
  }
  Py_DECREF(result);
  return st;
}

// Calls function(argv...) with argv converted from args[first..nargs).
PyObject* call_with_lua_args(Core& core, PyObject* function, const luna_value* args, std::size_t first,
                             std::size_t nargs) {
  constexpr std::size_t inline_count = 8;
  PyObject* inline_argv[inline_count] = {};
  std::size_t count = nargs - first;
  std::vector<PyObject*> heap;
  PyObject** argv = inline_argv;
  if (count > inline_count) {
    heap.resize(count);
    argv = heap.data();
  }
  std::size_t made = 0;
  PyObject* result = nullptr;
  for (; made < count; ++made) {
    argv[made] = from_lua_borrowed(core, &args[first + made]);
    if (argv[made] == nullptr) break;
  }
  if (made == count) result = PyObject_Vectorcall(function, argv, count, nullptr);
  for (std::size_t i = 0; i < made; ++i) Py_DECREF(argv[i]);
  return result;
}

luna_status python_callback(void* userdata, luna_state* S, const luna_value* args, std::size_t nargs,
                            luna_results* out) {
  (void)S;
  auto* data = static_cast<CallbackData*>(userdata);
  Core& core = *data->core;
  PyGILState_STATE gil = PyGILState_Ensure();
  std::size_t first = 0;
  if (data->self != nullptr && nargs > 0) {  // o:m(...) passes o again: drop it
    PyProxy* proxy = proxy_of(core, &args[0]);
    if (proxy != nullptr && proxy->object == data->self) first = 1;
  }
  luna_status st;
  PyObject* result = call_with_lua_args(core, data->function, args, first, nargs);
  if (result == nullptr) {
    st = fail_with_python_error(core, out);
  } else {
    st = push_result(core, out, result);
  }
  PyGILState_Release(gil);
  return st;
}

void destroy_callback(void* userdata) {
  auto* data = static_cast<CallbackData*>(userdata);
  PyGILState_STATE gil = PyGILState_Ensure();
  Py_XDECREF(data->function);
  Py_XDECREF(data->self);
  PyGILState_Release(gil);
  delete data;
}

// ---- the proxy metatable ---------------------------------------------------------------------------

bool has_items(PyObject* o) {
  if (PyType_Check(o)) return false;
  PyTypeObject* t = Py_TYPE(o);
  return (t->tp_as_mapping != nullptr && t->tp_as_mapping->mp_subscript != nullptr) ||
         (t->tp_as_sequence != nullptr && t->tp_as_sequence->sq_item != nullptr);
}

// 1 allowed, 0 denied, -1 error set.
int allowed(Core& core, PyObject* object, PyObject* key, bool items, bool setting) {
  if (core.attribute_filter != nullptr) {
    PyObject* verdict = PyObject_CallFunctionObjArgs(core.attribute_filter, object, key,
                                                     setting ? Py_True : Py_False, nullptr);
    if (verdict == nullptr) return -1;
    int ok = PyObject_IsTrue(verdict);
    Py_DECREF(verdict);
    return ok;
  }
  if (items) return 1;
  if (!PyUnicode_Check(key)) return 0;
  const char* name = PyUnicode_AsUTF8(key);
  if (name == nullptr) return -1;
  return name[0] != '_' ? 1 : 0;
}

struct Target {
  PyProxy* proxy;
  PyObject* key;  // new reference
  bool items;
};

// Common start of __index/__newindex: 1 go on, otherwise a status to return.
luna_status start_access(Core& core, const luna_value* args, std::size_t nargs, luna_results* out,
                         bool setting, Target* target) {
  target->proxy = nargs > 0 ? proxy_of(core, &args[0]) : nullptr;
  if (target->proxy == nullptr) return fail_with_message(out, "not a Python object");
  if (!core.python_access) return fail_with_message(out, "access to Python objects is disabled in this runtime");
  target->key = nargs > 1 ? from_lua_borrowed(core, &args[1]) : (Py_INCREF(Py_None), Py_None);
  if (target->key == nullptr) return fail_with_python_error(core, out);
  PyObject* object = target->proxy->object;
  switch (target->proxy->mode) {
    case AccessMode::attributes: target->items = false; break;
    case AccessMode::items: target->items = true; break;
    default: target->items = has_items(object); break;
  }
  int ok = allowed(core, object, target->key, target->items, setting);
  if (ok == 1) return LUNA_OK;
  if (ok < 0) {
    Py_CLEAR(target->key);
    return fail_with_python_error(core, out);
  }
  PyObject* shown = PyObject_Repr(target->key);
  std::string name = shown != nullptr ? PyUnicode_AsUTF8(shown) : "?";
  Py_XDECREF(shown);
  PyErr_Clear();
  Py_CLEAR(target->key);
  return fail_with_message(out, std::string("access denied: ") + (target->items ? "item " : "attribute ") +
                                    name + " of a Python " + Py_TYPE(object)->tp_name + " object");
}

template <class Body>
luna_status with_gil(Body body) {
  PyGILState_STATE gil = PyGILState_Ensure();
  luna_status st = body();
  PyGILState_Release(gil);
  return st;
}

luna_status meta_index(void* userdata, luna_state*, const luna_value* args, std::size_t nargs,
                       luna_results* out) {
  Core& core = *static_cast<Core*>(userdata);
  return with_gil([&]() -> luna_status {
    Target target{};
    luna_status st = start_access(core, args, nargs, out, false, &target);
    if (st != LUNA_OK) return st;
    PyObject* object = target.proxy->object;
    PyObject* result = target.items ? PyObject_GetItem(object, target.key) : PyObject_GetAttr(object, target.key);
    Py_DECREF(target.key);
    if (result == nullptr) {
      if (PyErr_ExceptionMatches(PyExc_AttributeError) || PyErr_ExceptionMatches(PyExc_LookupError)) {
        PyErr_Clear();
        return LUNA_OK;  // a missing field reads as nil, as in Lua
      }
      return fail_with_python_error(core, out);
    }
    if (PyMethod_Check(result) && PyMethod_GET_SELF(result) == object) {  // o:m() and o.m() both work
      luna_value fn{};
      bool ok = wrap_callable(core, result, object, &fn);
      Py_DECREF(result);
      if (!ok) return fail_with_python_error(core, out);
      luna_status pushed = luna_results_push_many(out, &fn, 1);
      luna_value_release(&fn);
      return pushed;
    }
    return push_result(core, out, result);
  });
}

luna_status meta_newindex(void* userdata, luna_state*, const luna_value* args, std::size_t nargs,
                          luna_results* out) {
  Core& core = *static_cast<Core*>(userdata);
  return with_gil([&]() -> luna_status {
    Target target{};
    luna_status st = start_access(core, args, nargs, out, true, &target);
    if (st != LUNA_OK) return st;
    PyObject* value = nargs > 2 ? from_lua_borrowed(core, &args[2]) : (Py_INCREF(Py_None), Py_None);
    int rc = -1;
    if (value != nullptr) {
      rc = target.items ? PyObject_SetItem(target.proxy->object, target.key, value)
                        : PyObject_SetAttr(target.proxy->object, target.key, value);
      Py_DECREF(value);
    }
    Py_DECREF(target.key);
    return rc == 0 ? LUNA_OK : fail_with_python_error(core, out);
  });
}

luna_status meta_call(void* userdata, luna_state*, const luna_value* args, std::size_t nargs,
                      luna_results* out) {
  Core& core = *static_cast<Core*>(userdata);
  return with_gil([&]() -> luna_status {
    PyProxy* proxy = nargs > 0 ? proxy_of(core, &args[0]) : nullptr;
    if (proxy == nullptr) return fail_with_message(out, "not a Python object");
    if (!core.python_access) return fail_with_message(out, "access to Python objects is disabled in this runtime");
    PyObject* result = call_with_lua_args(core, proxy->object, args, 1, nargs);
    if (result == nullptr) return fail_with_python_error(core, out);
    return push_result(core, out, result);
  });
}

luna_status meta_len(void* userdata, luna_state*, const luna_value* args, std::size_t nargs,
                     luna_results* out) {
  Core& core = *static_cast<Core*>(userdata);
  return with_gil([&]() -> luna_status {
    PyProxy* proxy = nargs > 0 ? proxy_of(core, &args[0]) : nullptr;
    if (proxy == nullptr) return fail_with_message(out, "not a Python object");
    if (!core.python_access) return fail_with_message(out, "access to Python objects is disabled in this runtime");
    Py_ssize_t n = PyObject_Length(proxy->object);
    if (n < 0) return fail_with_python_error(core, out);
    luna_value v = luna_integer(n);
    return luna_results_push_many(out, &v, 1);
  });
}

luna_status meta_tostring(void* userdata, luna_state*, const luna_value* args, std::size_t nargs,
                          luna_results* out) {
  Core& core = *static_cast<Core*>(userdata);
  return with_gil([&]() -> luna_status {
    PyProxy* proxy = nargs > 0 ? proxy_of(core, &args[0]) : nullptr;
    if (proxy == nullptr) return fail_with_message(out, "not a Python object");
    PyObject* object = proxy->object;
    std::string text;
    if (core.python_access || PyExceptionInstance_Check(object)) {
      PyObject* s = PyExceptionInstance_Check(object)
                        ? PyUnicode_FromFormat("%s: %S", Py_TYPE(object)->tp_name, object)
                        : PyObject_Str(object);
      if (s == nullptr) return fail_with_python_error(core, out);
      Py_ssize_t length = 0;
      const char* utf8 = PyUnicode_AsUTF8AndSize(s, &length);
      if (utf8 == nullptr) {
        Py_DECREF(s);
        return fail_with_python_error(core, out);
      }
      text.assign(utf8, static_cast<std::size_t>(length));
      Py_DECREF(s);
    } else {
      text = std::string("<Python ") + Py_TYPE(object)->tp_name + " object>";
    }
    luna_value v = luna_string(text.data(), text.size());
    return luna_results_push_many(out, &v, 1);
  });
}

luna_status meta_eq(void* userdata, luna_state*, const luna_value* args, std::size_t nargs,
                    luna_results* out) {
  Core& core = *static_cast<Core*>(userdata);
  PyProxy* a = nargs > 0 ? proxy_of(core, &args[0]) : nullptr;
  PyProxy* b = nargs > 1 ? proxy_of(core, &args[1]) : nullptr;
  luna_value v = luna_boolean(a != nullptr && b != nullptr && a->object == b->object);
  return luna_results_push_many(out, &v, 1);
}

luna_status meta_gc(void* userdata, luna_state* S, const luna_value* args, std::size_t nargs,
                    luna_results*) {
  Core& core = *static_cast<Core*>(userdata);
  if (nargs == 0) return LUNA_OK;
  void* block = luna_userdata_block(S, &args[0]);
  PyGILState_STATE gil = PyGILState_Ensure();
  auto found = core.objects.find(block);
  if (found != core.objects.end()) {
    PyObject* object = found->second.object;
    core.objects.erase(found);
    Py_DECREF(object);
  }
  PyGILState_Release(gil);
  return LUNA_OK;
}

void set_field(Core& core, const luna_value& table, const char* name, const luna_value& value) {
  luna_value key = luna_string(name, std::strlen(name));
  luna_rawset(core.state(), &table, &key, &value);
}

void set_method(Core& core, const luna_value& table, const char* name, luna_callback fn) {
  luna_value f{};
  if (luna_new_function(core.state(), fn, &core, nullptr, &f) != LUNA_OK) throw std::bad_alloc();
  set_field(core, table, name, f);
  luna_value_release(&f);
}

}  // namespace

bool wrap_callable(Core& core, PyObject* callable, PyObject* bound_self, luna_value* out) {
  auto* data = new CallbackData{&core, callable, bound_self};
  Py_INCREF(callable);
  Py_XINCREF(bound_self);
  luna_status st = luna_new_function(core.state(), python_callback, data, destroy_callback, out);
  if (st != LUNA_OK) {  // the destructor already ran
    PyErr_Format(PyExc_MemoryError, "cannot make a Lua function (%s)", luna_status_name(st));
    return false;
  }
  return true;
}

bool wrap_object(Core& core, PyObject* object, AccessMode mode, luna_value* out) {
  void* block = nullptr;
  luna_status st = luna_new_userdata(core.state(), sizeof(void*), out, &block);
  if (st == LUNA_OK) st = luna_set_metatable(core.state(), out, &core.object_metatable);
  if (st != LUNA_OK) {
    luna_value_release(out);
    PyErr_Format(PyExc_MemoryError, "cannot pass a Python object to Lua (%s)", luna_status_name(st));
    return false;
  }
  std::memcpy(block, &object, sizeof object);  // for debugging only; the map is the authority
  Py_INCREF(object);
  core.objects[block] = PyProxy{object, mode};
  return true;
}

void make_object_metatable(Core& core) {
  luna_value mt{};
  if (luna_new_table(core.state(), 0, 8, &mt) != LUNA_OK) throw std::bad_alloc();
  set_method(core, mt, "__index", meta_index);
  set_method(core, mt, "__newindex", meta_newindex);
  set_method(core, mt, "__call", meta_call);
  set_method(core, mt, "__len", meta_len);
  set_method(core, mt, "__tostring", meta_tostring);
  set_method(core, mt, "__eq", meta_eq);
  set_method(core, mt, "__gc", meta_gc);
  luna_value name = luna_string("python object", 13);
  set_field(core, mt, "__name", name);
  luna_value locked = luna_string("python object", 13);
  set_field(core, mt, "__metatable", locked);
  core.object_metatable = mt;
}

}  // namespace luna::python
