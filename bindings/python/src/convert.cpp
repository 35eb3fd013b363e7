// Conversions between Python objects and luna_value.
// Python -> Lua: None/bool/int/float/str/bytes map to Lua values (ints beyond 64 bits raise
// OverflowError; str is sent as UTF-8, bytes-like objects byte for byte); Lua objects held by
// Python go back as themselves; plain functions become Lua functions; anything else becomes a
// proxy userdata (what Lua may do with it is decided in callbacks.cpp).
// Lua -> Python: integers stay int and floats float; strings follow the runtime's string mode
// (automatic: str when the bytes are valid UTF-8, else bytes, so binary data never raises).
#include <pybind11/pybind11.h>

#include "core.h"
#include "wrappers.h"

namespace py = pybind11;

namespace luna::python {

Types types{};

Temporaries::~Temporaries() {
  for (luna_value& v : values_) luna_value_release(&v);
  for (PyObject* o : objects_) Py_DECREF(o);
}

void Temporaries::keep(const luna_value& v) { values_.push_back(v); }
void Temporaries::keep_object(PyObject* o) { objects_.push_back(o); }

namespace {

bool is_plain_function(PyObject* o) {
  return PyFunction_Check(o) || PyCFunction_Check(o) || PyMethod_Check(o) ||
         Py_IS_TYPE(o, &PyMethodDescr_Type) || Py_IS_TYPE(o, &PyClassMethodDescr_Type);
}

bool bytes_like(Core& core, PyObject* object, luna_value* out, Temporaries& temps) {
  (void)core;
  PyObject* copy = PyBytes_FromObject(object);  // bytearray/memoryview: a stable copy
  if (copy == nullptr) return false;
  temps.keep_object(copy);
  *out = luna_string(PyBytes_AS_STRING(copy), static_cast<std::size_t>(PyBytes_GET_SIZE(copy)));
  return true;
}

}  // namespace

bool to_lua(Core& core, PyObject* object, luna_value* out, Temporaries& temps) {
  if (object == Py_None) {
    *out = luna_nil();
    return true;
  }
  if (PyBool_Check(object)) {
    *out = luna_boolean(object == Py_True);
    return true;
  }
  if (PyLong_Check(object)) {
    int overflow = 0;
    long long i = PyLong_AsLongLongAndOverflow(object, &overflow);
    if (overflow != 0) {
      PyErr_SetString(PyExc_OverflowError,
                      "Python int too large to convert to a Lua integer (64-bit signed)");
      return false;
    }
    if (i == -1 && PyErr_Occurred()) return false;
    *out = luna_integer(i);
    return true;
  }
  if (PyFloat_Check(object)) {
    *out = luna_float(PyFloat_AS_DOUBLE(object));
    return true;
  }
  if (PyUnicode_Check(object)) {
    Py_ssize_t length = 0;
    const char* utf8 = PyUnicode_AsUTF8AndSize(object, &length);
    if (utf8 == nullptr) return false;
    *out = luna_string(utf8, static_cast<std::size_t>(length));
    return true;
  }
  if (PyBytes_Check(object)) {
    *out = luna_string(PyBytes_AS_STRING(object), static_cast<std::size_t>(PyBytes_GET_SIZE(object)));
    return true;
  }
  if (PyByteArray_Check(object) || PyMemoryView_Check(object)) return bytes_like(core, object, out, temps);
  if (LuaObject* lua = lua_object_of(object)) {
    if (lua->core.get() != &core) {
      PyErr_SetString(PyExc_ValueError, "a Lua object of another runtime cannot be passed here");
      return false;
    }
    if (lua->value.ref == nullptr && lua->value.type >= LUNA_TTABLE) {
      PyErr_SetString(PyExc_ValueError, "the Lua object was released");
      return false;
    }
    *out = lua->value;  // borrowed: Luna copies what it keeps
    return true;
  }
  if (PyCapsule_IsValid(object, lightuserdata_capsule)) {
    *out = luna_lightuserdata(PyCapsule_GetPointer(object, lightuserdata_capsule));
    return true;
  }
  if (AccessWrapper* wrapper = access_wrapper_of(object)) {
    if (!wrap_object(core, wrapper->object.ptr(), wrapper->mode, out)) return false;
    temps.keep(*out);
    return true;
  }
  if (is_plain_function(object)) {
    if (!wrap_callable(core, object, nullptr, out)) return false;
    temps.keep(*out);
    return true;
  }
  if (!wrap_object(core, object, AccessMode::automatic, out)) return false;
  temps.keep(*out);
  return true;
}

PyObject* string_to_python(Core& core, const char* bytes, std::size_t length) {
  auto n = static_cast<Py_ssize_t>(length);
  switch (core.strings) {
    case StringMode::bytes: return PyBytes_FromStringAndSize(bytes, n);
    case StringMode::text: return PyUnicode_DecodeUTF8(bytes, n, "strict");
    case StringMode::automatic: break;
  }
  PyObject* text = PyUnicode_DecodeUTF8(bytes, n, "strict");
  if (text != nullptr) return text;
  if (!PyErr_ExceptionMatches(PyExc_UnicodeDecodeError)) return nullptr;
  PyErr_Clear();
  return PyBytes_FromStringAndSize(bytes, n);
}

PyObject* wrap_lua_object(Core& core, luna_value* v) {
  CorePtr owner = core.shared_from_this();
  luna_value taken = *v;
  v->ref = nullptr;
  v->type = LUNA_TNIL;
  try {
    py::object result;
    switch (taken.type) {
      case LUNA_TTABLE:
        result = py::cast(new Table(std::move(owner), taken), py::return_value_policy::take_ownership);
        break;
      case LUNA_TFUNCTION:
        result = py::cast(new Function(std::move(owner), taken), py::return_value_policy::take_ownership);
        break;
      case LUNA_TTHREAD:
        result = py::cast(new Coroutine(std::move(owner), taken, nullptr),
                          py::return_value_policy::take_ownership);
        break;
      default:
        result = py::cast(new Userdata(std::move(owner), taken), py::return_value_policy::take_ownership);
        break;
    }
    return result.release().ptr();
  } catch (py::error_already_set& e) {
    e.restore();
    return nullptr;
  } catch (std::exception& e) {
    PyErr_SetString(PyExc_RuntimeError, e.what());
    return nullptr;
  }
}

PyObject* from_lua_owned(Core& core, luna_value* v) {
  switch (v->type) {
    case LUNA_TNIL: Py_RETURN_NONE;
    case LUNA_TBOOLEAN: return PyBool_FromLong(v->boolean);
    case LUNA_TINTEGER: return PyLong_FromLongLong(v->integer);
    case LUNA_TFLOAT: return PyFloat_FromDouble(v->number);
    case LUNA_TSTRING: return string_to_python(core, v->string, v->length);
    case LUNA_TLIGHTUSERDATA: return PyCapsule_New(v->pointer, lightuserdata_capsule, nullptr);
    case LUNA_TUSERDATA: {
      auto found = core.objects.find(v->pointer);
      if (found != core.objects.end()) {
        PyObject* object = found->second.object;
        Py_INCREF(object);
        return object;
      }
      return wrap_lua_object(core, v);
    }
    default: return wrap_lua_object(core, v);
  }
}

PyObject* from_lua_borrowed(Core& core, const luna_value* v) {
  switch (v->type) {
    case LUNA_TTABLE: case LUNA_TFUNCTION: case LUNA_TTHREAD: case LUNA_TUSERDATA: {
      if (v->type == LUNA_TUSERDATA) {
        if (PyProxy* proxy = proxy_of(core, v)) {
          Py_INCREF(proxy->object);
          return proxy->object;
        }
      }
      luna_value copy{};
      luna_status st = luna_value_copy(core.state(), v, &copy);
      if (st != LUNA_OK) {
        PyErr_Format(PyExc_MemoryError, "cannot keep a Lua value (%s)", luna_status_name(st));
        return nullptr;
      }
      PyObject* result = wrap_lua_object(core, &copy);
      luna_value_release(&copy);
      return result;
    }
    default: {
      luna_value plain = *v;
      return from_lua_owned(core, &plain);
    }
  }
}

PyObject* values_to_tuple(Core& core, luna_values* results) {
  PyObject* tuple = PyTuple_New(static_cast<Py_ssize_t>(results->count));
  if (tuple != nullptr) {
    for (std::size_t i = 0; i < results->count; ++i) {
      PyObject* item = from_lua_owned(core, &results->items[i]);
      if (item == nullptr) {
        Py_CLEAR(tuple);
        break;
      }
      PyTuple_SET_ITEM(tuple, static_cast<Py_ssize_t>(i), item);
    }
  }
  luna_values_release(results);
  return tuple;
}

PyObject* results_to_python(Core& core, luna_values* results) {
  if (results->count == 1) {
    PyObject* single = from_lua_owned(core, &results->items[0]);
    luna_values_release(results);
    return single;
  }
  if (results->count == 0) {
    luna_values_release(results);
    Py_RETURN_NONE;
  }
  return values_to_tuple(core, results);
}

PyProxy* proxy_of(Core& core, const luna_value* v) {
  if (v->type != LUNA_TUSERDATA) return nullptr;
  void* block = luna_userdata_block(core.state(), v);
  auto found = core.objects.find(block);
  return found == core.objects.end() ? nullptr : &found->second;
}

}  // namespace luna::python
