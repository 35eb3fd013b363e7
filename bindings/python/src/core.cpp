// Core: the state, its lock, the prelude that gives generators `throw` and the async bridge `await`.
#include "core.h"

#include <cstring>
#include <stdexcept>
#include <string>

namespace luna::python {

namespace {

// Runs once per runtime with the coroutine library open. It wraps coroutine.yield so a resume
// carrying the throw marker raises the exception at the yield point (generator.throw), and makes
// python.await, which yields the await marker plus the awaitable to the async driver.
constexpr const char* prelude = R"lua(
local throw_tag, await_tag = ...
local raw_yield, rawequal, error = coroutine.yield, rawequal, error
local function resumed(first, ...)
  if rawequal(first, throw_tag) then error((...), 0) end
  return first, ...
end
coroutine.yield = function(...) return resumed(raw_yield(...)) end
local function await(awaitable) return resumed(raw_yield(await_tag, awaitable)) end
return await, coroutine.close
)lua";

}  // namespace

Core::Core(const luna_config& config, StringMode string_mode, bool access, PyObject* filter,
           bool unpack)
    : strings(string_mode), python_access(access), attribute_filter(filter),
      unpack_returned_tuples(unpack) {
  Py_XINCREF(attribute_filter);
  luna_state* S = nullptr;
  luna_status st = luna_state_new(&config, &S);
  if (st != LUNA_OK) {
    Py_XDECREF(attribute_filter);
    if (st == LUNA_ERROR_MEMORY) throw std::bad_alloc();
    throw std::runtime_error(std::string("luna_state_new failed: ") + luna_status_name(st));
  }
  state_ = S;
}

// After construction (shared_from_this works from here on): metatable and prelude.
void Core::initialise() {
  make_object_metatable(*this);
  luna_value coroutine_lib{};
  if (luna_get_global(state_, "coroutine", 9, &coroutine_lib, nullptr) != LUNA_OK) return;
  bool have = coroutine_lib.type == LUNA_TTABLE;
  luna_value_release(&coroutine_lib);
  luna_value rawequal{};
  if (luna_get_global(state_, "rawequal", 8, &rawequal, nullptr) == LUNA_OK) {
    have = have && rawequal.type == LUNA_TFUNCTION;
    luna_value_release(&rawequal);
  }
  if (!have) return;
  luna_value args[2] = {luna_lightuserdata(&throw_tag), luna_lightuserdata(&await_tag)};
  luna_values results{0, nullptr};
  luna_error* error = nullptr;
  luna_status st = luna_execute(state_, prelude, std::strlen(prelude), "=luna.python", args, 2,
                                &results, &error);
  if (st != LUNA_OK) {
    std::string message = error != nullptr ? luna_error_message(error, nullptr) : "?";
    luna_error_release(error);
    throw std::runtime_error("the binding's prelude failed: " + message);
  }
  if (results.count == 2) {
    await_function = results.items[0];
    close_coroutine = results.items[1];
    results.items[0] = luna_nil();
    results.items[1] = luna_nil();
  }
  luna_values_release(&results);
}

Core::~Core() { close(); }

void Core::close() {
  if (state_ == nullptr) return;
  Lock lock(*this);  // waits for a call running on another thread
  clear_eval_cache();
  luna_value_release(&object_metatable);
  luna_value_release(&close_coroutine);
  luna_value_release(&await_function);
  luna_state* S = state_;
  state_ = nullptr;
  luna_state_close(S);  // finalizers run: proxies' __gc erase their objects
  for (auto& [block, proxy] : objects) Py_DECREF(proxy.object);
  objects.clear();
  Py_CLEAR(attribute_filter);
  Py_CLEAR(pending_exception);
}

void Core::clear_eval_cache() {
  for (auto& [source, function] : eval_cache) luna_value_release(&function);
  eval_cache.clear();
}

Core::Lock::Lock(Core& core) : core_(core) {
  std::thread::id me = std::this_thread::get_id();
  if (core.owner_.load(std::memory_order_acquire) == me) {
    ++core.depth_;
  } else {
    if (!core.mutex_.try_lock()) {
      WithoutGil released;  // the holder may need the GIL to finish
      core.mutex_.lock();
    }
    core.owner_.store(me, std::memory_order_release);
    core.depth_ = 1;
  }
  if (core.state_ == nullptr) {
    unlock();
    throw std::runtime_error("the Lua runtime is closed");
  }
}

Core::Lock::~Lock() { unlock(); }

void Core::Lock::unlock() {
  if (--core_.depth_ == 0) {
    core_.owner_.store(std::thread::id{}, std::memory_order_release);
    core_.mutex_.unlock();
  }
}

Coroutine::Coroutine(CorePtr c, luna_value v, PyObject* args)
    : LuaObject(std::move(c), v), initial_args(args) {
  Py_XINCREF(initial_args);
}

Coroutine::~Coroutine() { Py_XDECREF(initial_args); }

CorePtr make_core(const luna_config& config, StringMode strings, bool python_access,
                  PyObject* attribute_filter, bool unpack) {
  auto core = std::make_shared<Core>(config, strings, python_access, attribute_filter, unpack);
  Core::Lock lock(*core);
  core->initialise();
  return core;
}

}  // namespace luna::python
