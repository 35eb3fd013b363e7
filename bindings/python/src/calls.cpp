// Calls from Python into Lua: functions and coroutine resumes. The GIL is released while Lua runs.
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

}  // namespace

PyObject* call_lua(Core& core, const luna_value* function, PyObject* const* argv, std::size_t argc) {
  Core::Lock lock(core);
  Temporaries temps;
  Arguments args(argc);
  luna_value* items = args.data();
  for (std::size_t i = 0; i < argc; ++i)
    if (!to_lua(core, argv[i], &items[i], temps)) return nullptr;
  luna_values results{0, nullptr};
  luna_error* error = nullptr;
  luna_status st;
  {
    WithoutGil released;
    st = luna_call(core.state(), function, items, argc, &results, &error);
  }
  if (st != LUNA_OK) return raise_lua_error(core, st, error, "call");
  return results_to_python(core, &results);
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
