// Calls from Python into Lua: functions (through luna_call_into, results in a stack array) and
// coroutine resumes. The GIL is released while Lua runs.
#include <vector>

#include "core.h"

namespace luna::python {

namespace {

// Converted arguments: up to 8 inline, more on the heap.
class Arguments {
 public:
  explicit Arguments(std::size_t n) : count_(n) {
    if (n > inline_count) heap_.resize(n);
  }
  luna_value* data() { return count_ > inline_count ? heap_.data() : inline_; }
  std::size_t size() const { return count_; }

 private:
  static constexpr std::size_t inline_count = 8;
  std::size_t count_;
  luna_value inline_[inline_count];
  std::vector<luna_value> heap_;
};

// None, the value, or a tuple, from owned values in a caller array (all released here).
PyObject* results_from_array(Core& core, luna_value* values, std::size_t count) {
  PyObject* result = nullptr;
  if (count == 0) {
    Py_INCREF(Py_None);
    result = Py_None;
  } else if (count == 1) {
    result = from_lua_owned(core, &values[0]);
  } else if ((result = PyTuple_New(static_cast<Py_ssize_t>(count))) != nullptr) {
    for (std::size_t i = 0; i < count; ++i) {
      PyObject* item = from_lua_owned(core, &values[i]);
      if (item == nullptr) {
        Py_CLEAR(result);
        break;
      }
      PyTuple_SET_ITEM(result, static_cast<Py_ssize_t>(i), item);
    }
  }
  for (std::size_t i = 0; i < count; ++i) luna_value_release(&values[i]);
  return result;
}

}  // namespace

PyObject* call_lua(Core& core, const luna_value* function, PyObject* const* argv, std::size_t argc) {
  Core::Lock lock(core);
  Temporaries temps;
  Arguments args(argc);
  luna_value* items = args.data();
  for (std::size_t i = 0; i < argc; ++i)
    if (!to_lua(core, argv[i], &items[i], temps)) return nullptr;
  constexpr std::size_t capacity = 8;
  luna_value results[capacity];
  std::size_t count = 0;
  luna_values overflow{0, nullptr};
  luna_error* error = nullptr;
  luna_status st;
  {
    WithoutGil released;
    st = luna_call_into(core.state(), function, items, argc, results, capacity, &count, &overflow, &error);
  }
  if (st != LUNA_OK) return raise_lua_error(core, st, error, "call");
  if (overflow.count != 0) return results_to_python(core, &overflow);
  return results_from_array(core, results, count);
}

PyObject* resume_coroutine(Coroutine& co, PyObject* args, PyObject* throw_exception, int* kind) {
  Core& core = *co.core;
  Core::Lock lock(core);
  Temporaries temps;
  PyObject* call_args = args;
  if (!co.started && co.initial_args != nullptr && throw_exception == nullptr) call_args = co.initial_args;
  std::size_t argc = throw_exception != nullptr ? 2 : static_cast<std::size_t>(PyTuple_GET_SIZE(call_args));
  Arguments converted(argc);
  luna_value* items = converted.data();
  if (throw_exception != nullptr) {
    items[0] = luna_lightuserdata(&core.throw_tag);
    if (!wrap_object(core, throw_exception, AccessMode::attributes, &items[1])) return nullptr;
    temps.keep(items[1]);
  } else {
    for (std::size_t i = 0; i < argc; ++i)
      if (!to_lua(core, PyTuple_GET_ITEM(call_args, static_cast<Py_ssize_t>(i)), &items[i], temps)) return nullptr;
  }
  luna_values results{0, nullptr};
  luna_error* error = nullptr;
  luna_status st;
  {
    WithoutGil released;
    st = luna_resume(core.state(), &co.value, items, argc, &results, &error);
  }
  co.started = true;
  Py_CLEAR(co.initial_args);
  if (st == LUNA_YIELD) {
    if (results.count >= 1 && results.items[0].type == LUNA_TLIGHTUSERDATA &&
        results.items[0].pointer == &core.await_tag) {
      *kind = 2;
      PyObject* awaitable = results.count >= 2 ? from_lua_owned(core, &results.items[1]) : (Py_INCREF(Py_None), Py_None);
      luna_values_release(&results);
      return awaitable;
    }
    *kind = 0;
    return results_to_python(core, &results);
  }
  co.finished = true;
  if (st == LUNA_OK) {
    *kind = 1;
    return results_to_python(core, &results);
  }
  return raise_lua_error(core, st, error, "resume");
}

}  // namespace luna::python
