// Lua errors as Python exceptions.
// A luna_error becomes LuaError (or LuaSyntaxError, LuaMemoryError, LuaTimeoutError,
// LuaInstructionLimitError, LuaCancelledError) carrying the original Lua value (`value`), the bare
// message (`message`), the status name (`status`) and the structured Lua traceback
// (`lua_traceback`, a list of LuaFrame, innermost first). When the Lua error value is a Python
// exception that crossed into Lua (raised by a callback), that very exception object is re-raised,
// with the Lua traceback added as a note, so Python code catches what it raised.
#include <string>

#include "core.h"

namespace luna::python {

PyObject* LuaError = nullptr;
PyObject* LuaSyntaxError = nullptr;
PyObject* LuaMemoryError = nullptr;
PyObject* LuaTimeoutError = nullptr;
PyObject* LuaInstructionLimitError = nullptr;
PyObject* LuaCancelledError = nullptr;

namespace {

PyObject* frame_type = nullptr;  // luna.LuaFrame (a namedtuple)

PyObject* make_exception(PyObject* module, const char* name, PyObject* bases, const char* doc) {
  std::string full = std::string("luna.") + name;
  PyObject* type = PyErr_NewExceptionWithDoc(full.c_str(), doc, bases, nullptr);
  if (type != nullptr) {
    Py_INCREF(type);
    PyModule_AddObject(module, name, type);
  }
  return type;
}

PyObject* exception_class(luna_status status) {
  switch (status) {
    case LUNA_ERROR_SYNTAX: return LuaSyntaxError;
    case LUNA_ERROR_MEMORY: return LuaMemoryError;
    case LUNA_ERROR_TIMEOUT: return LuaTimeoutError;
    case LUNA_ERROR_BUDGET: return LuaInstructionLimitError;
    case LUNA_CANCELLED: return LuaCancelledError;
    default: return LuaError;
  }
}

void append_frame_text(std::string& text, const luna_frame& f) {
  text += "\n  ";
  text += f.source;
  if (f.line >= 0) text += ":" + std::to_string(f.line);
  text += ": in ";
  std::string what = f.what;
  if (what == "main") {
    text += "main chunk";
  } else if (f.name[0] != '\0') {
    text += std::string(f.namewhat[0] != '\0' ? f.namewhat : "function") + " '" + f.name + "'";
  } else if (what == "Lua") {
    text += "function <" + std::string(f.source) + ":" + std::to_string(f.line_defined) + ">";
  } else {
    text += "?";
  }
}

// The frames as a list of LuaFrame and as text.
PyObject* frames_of(const luna_error* e, std::string& text) {
  std::size_t n = luna_error_frame_count(e);
  PyObject* list = PyList_New(0);
  if (list == nullptr) return nullptr;
  for (std::size_t i = 0; i < n; ++i) {
    luna_frame f{};
    if (luna_error_frame(e, i, &f) != LUNA_OK) continue;
    append_frame_text(text, f);
    PyObject* frame = PyObject_CallFunction(frame_type, "siisss", f.source, static_cast<int>(f.line),
                                            static_cast<int>(f.line_defined), f.name, f.namewhat, f.what);
    if (frame == nullptr || PyList_Append(list, frame) != 0) {
      Py_XDECREF(frame);
      Py_DECREF(list);
      return nullptr;
    }
    Py_DECREF(frame);
  }
  return list;
}

PyObject* message_text(const char* message, std::size_t length) {
  PyObject* text = PyUnicode_DecodeUTF8(message, static_cast<Py_ssize_t>(length), "backslashreplace");
  return text;
}

// Re-raises a Python exception that travelled through Lua; the Lua traceback becomes a note.
PyObject* reraise_python(PyObject* exception, const luna_error* e) {
  if (e != nullptr) {
    std::string text = "Lua traceback (innermost first):";
    PyObject* frames = frames_of(e, text);
    if (frames != nullptr) {
      PyObject_SetAttrString(exception, "lua_traceback", frames);
      Py_DECREF(frames);
    }
    PyErr_Clear();  // setting attributes may fail on exotic exception types: not worth a new error
    PyObject* note = PyUnicode_FromStringAndSize(text.data(), static_cast<Py_ssize_t>(text.size()));
    if (note != nullptr && PyObject_HasAttrString(exception, "add_note")) {
      PyObject* added = PyObject_CallMethod(exception, "add_note", "O", note);
      Py_XDECREF(added);
    }
    Py_XDECREF(note);
    PyErr_Clear();
  }
  PyObject* type = reinterpret_cast<PyObject*>(Py_TYPE(exception));
  PyObject* traceback = PyException_GetTraceback(exception);
  Py_INCREF(type);
  Py_INCREF(exception);
  PyErr_Restore(type, exception, traceback);
  return nullptr;
}

}  // namespace

void init_exceptions(PyObject* module) {
  LuaError = make_exception(module, "LuaError", PyExc_Exception,
                            "A Lua error. value: the Lua error value; lua_traceback: list of LuaFrame.");
  LuaSyntaxError = make_exception(module, "LuaSyntaxError", LuaError, "A chunk failed to compile.");
  PyObject* memory_bases = PyTuple_Pack(2, LuaError, PyExc_MemoryError);
  LuaMemoryError = make_exception(module, "LuaMemoryError", memory_bases, "The memory limit was reached.");
  Py_XDECREF(memory_bases);
  PyObject* timeout_bases = PyTuple_Pack(2, LuaError, PyExc_TimeoutError);
  LuaTimeoutError = make_exception(module, "LuaTimeoutError", timeout_bases, "The call's time limit expired.");
  Py_XDECREF(timeout_bases);
  LuaInstructionLimitError = make_exception(module, "LuaInstructionLimitError", LuaTimeoutError,
                                            "The call's instruction budget was exhausted.");
  LuaCancelledError = make_exception(module, "LuaCancelledError", LuaError, "Runtime.cancel() stopped the call.");
  PyObject* collections = PyImport_ImportModule("collections");
  if (collections == nullptr) return;
  frame_type = PyObject_CallMethod(collections, "namedtuple", "ss", "LuaFrame",
                                   "source line line_defined name namewhat what");
  Py_DECREF(collections);
  if (frame_type == nullptr) return;
  PyObject_SetAttrString(frame_type, "__module__", PyUnicode_FromString("luna"));
  Py_INCREF(frame_type);
  PyModule_AddObject(module, "LuaFrame", frame_type);
}

PyObject* raise_lua_error(Core& core, luna_status status, luna_error* e, const char* what) {
  if (status == LUNA_CANCELLED && core.pending_exception != nullptr) {
    PyObject* pending = core.pending_exception;
    core.pending_exception = nullptr;
    luna_error_release(e);
    reraise_python(pending, nullptr);
    Py_DECREF(pending);
    return nullptr;
  }
  if (e == nullptr) {
    PyErr_Format(exception_class(status), "%s failed: %s", what, luna_status_name(status));
    return nullptr;
  }
  const luna_value* value = luna_error_value(e);
  if (value != nullptr && value->type == LUNA_TUSERDATA) {
    if (PyProxy* proxy = proxy_of(core, value)) {
      if (PyExceptionInstance_Check(proxy->object)) {
        PyObject* exception = proxy->object;
        Py_INCREF(exception);
        reraise_python(exception, e);
        Py_DECREF(exception);
        luna_error_release(e);
        return nullptr;
      }
    }
  }
  std::size_t length = 0;
  const char* message = luna_error_message(e, &length);
  std::string text(message, length);
  std::string trace;
  PyObject* frames = frames_of(e, trace);
  if (!trace.empty()) text += "\nLua traceback (innermost first):" + trace;
  PyObject* py_message = message_text(message, length);
  PyObject* py_text = message_text(text.data(), text.size());
  PyObject* py_value = value != nullptr ? from_lua_borrowed(core, value) : (Py_INCREF(Py_None), Py_None);
  PyObject* exception = nullptr;
  if (frames != nullptr && py_message != nullptr && py_text != nullptr && py_value != nullptr) {
    exception = PyObject_CallFunctionObjArgs(exception_class(status), py_text, nullptr);
    if (exception != nullptr) {
      PyObject* status_name = PyUnicode_FromString(luna_status_name(status));
      PyObject_SetAttrString(exception, "value", py_value);
      PyObject_SetAttrString(exception, "message", py_message);
      PyObject_SetAttrString(exception, "lua_traceback", frames);
      PyObject_SetAttrString(exception, "status", status_name);
      Py_XDECREF(status_name);
    }
  }
  Py_XDECREF(frames);
  Py_XDECREF(py_message);
  Py_XDECREF(py_text);
  Py_XDECREF(py_value);
  luna_error_release(e);
  if (exception == nullptr) return nullptr;  // the conversion's own error is set
  PyErr_SetObject(reinterpret_cast<PyObject*>(Py_TYPE(exception)), exception);
  Py_DECREF(exception);
  return nullptr;
}

}  // namespace luna::python
