// The Python binding's core: one Core per Runtime owns a luna_state and everything that ties the
// Lua universe to Python objects.
// Contract:
//  - Only luna.h is used (never lua.h/lauxlib.h).
//  - Every luna_* call on the state happens under Core::Lock, which serialises threads and is
//    re-entrant for the thread that holds it (a callback may call back into the runtime). Waiting for
//    the lock releases the GIL, so two Python threads never deadlock on it.
//  - Calls that run Lua code (calls, execute, resume) release the GIL; host callbacks take it back.
//  - Python objects handed to Lua live in Core::objects (userdata block -> object); the userdata's
//    __gc drops the reference. Lua values held by Python (Table, Function, ...) own a luna_ref that
//    is released from any thread (luna.h allows it), never touching the state.
#pragma once

#include <Python.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

#include "luna.h"

namespace luna::python {

enum class StringMode { text, bytes, automatic };
// How Lua indexes a Python object: automatic = items for objects with __getitem__, else attributes.
enum class AccessMode : std::uint8_t { automatic, attributes, items };

struct PyProxy {
  PyObject* object;  // strong reference
  AccessMode mode;
};

class Core : public std::enable_shared_from_this<Core> {
 public:
  Core(const luna_config& config, StringMode strings, bool python_access, PyObject* attribute_filter,
       bool unpack_returned_tuples);
  ~Core();
  Core(const Core&) = delete;
  Core& operator=(const Core&) = delete;

  // Serialises threads on the state; re-entrant on the owning thread. Throws if the runtime is closed.
  class Lock {
   public:
    explicit Lock(Core& core);
    ~Lock();
    Lock(const Lock&) = delete;
    Lock& operator=(const Lock&) = delete;

   private:
    void unlock();
    Core& core_;
  };

  luna_state* state() const { return state_; }
  bool closed() const { return state_ == nullptr; }
  void close();       // GIL held; idempotent; waits for a call running on another thread
  void initialise();  // lock held, once, right after construction: metatable and prelude

  StringMode strings;
  bool python_access;
  PyObject* attribute_filter;  // strong or nullptr
  bool unpack_returned_tuples;

  // Python objects reachable from Lua (userdata block -> proxy). Lock + GIL held.
  std::unordered_map<void*, PyProxy> objects;
  luna_value object_metatable{};  // owned
  luna_value close_coroutine{};   // coroutine.close, owned (nil without the coroutine library)
  luna_value await_function{};    // python.await, owned (nil without coroutines)
  // Markers (light userdata) the prelude understands: resuming with (throw_tag, exception) raises
  // the exception at the yield; yielding (await_tag, awaitable) asks the async driver to await it.
  char throw_tag = 0;
  char await_tag = 0;
  // A BaseException that is not an Exception (KeyboardInterrupt, SystemExit) raised by a callback:
  // the callback stops the Lua call uncatchably and the host-side boundary re-raises this object.
  PyObject* pending_exception = nullptr;
  // Runtime.eval's compiled expressions, keyed by chunk name + '\0' + source: repeated evals of the
  // same text skip the compiler. Owned function values; bounded (emptied when full). Lock held.
  static constexpr std::size_t eval_cache_limit = 64;
  static constexpr std::size_t eval_cache_max_source = 4096;
  std::unordered_map<std::string, luna_value> eval_cache;
  void clear_eval_cache();

 private:
  luna_state* state_ = nullptr;
  std::mutex mutex_;
  std::atomic<std::thread::id> owner_{};
  int depth_ = 0;
};

using CorePtr = std::shared_ptr<Core>;
CorePtr make_core(const luna_config& config, StringMode strings, bool python_access,
                  PyObject* attribute_filter, bool unpack_returned_tuples);

// An owned Lua value held by a Python object (Table, Function, Coroutine, Userdata).
struct LuaObject {
  LuaObject(CorePtr c, luna_value v) : core(std::move(c)), value(v) {}
  ~LuaObject() { luna_value_release(&value); }
  LuaObject(const LuaObject&) = delete;
  LuaObject& operator=(const LuaObject&) = delete;
  CorePtr core;
  luna_value value;
};

struct Table : LuaObject {
  using LuaObject::LuaObject;
};
struct Function : LuaObject {
  using LuaObject::LuaObject;
};
struct Userdata : LuaObject {
  using LuaObject::LuaObject;
};
struct Coroutine : LuaObject {
  Coroutine(CorePtr c, luna_value v, PyObject* initial_args);
  ~Coroutine();
  bool started = false;
  bool finished = false;
  PyObject* initial_args;  // tuple for the first resume (strong), or nullptr
};

// ---- conversions (convert.cpp) -------------------------------------------------------------------
// Values converted from Python for one luna_* call; new Lua objects made on the way (proxies,
// functions) are owned here and released at the end of the call.
class Temporaries {
 public:
  Temporaries() = default;
  ~Temporaries();
  Temporaries(const Temporaries&) = delete;
  Temporaries& operator=(const Temporaries&) = delete;
  void keep(const luna_value& v);
  void keep_object(PyObject* o);  // a temporary Python object whose buffer a value points into

 private:
  std::vector<luna_value> values_;
  std::vector<PyObject*> objects_;
};

// Python -> Lua. Lock held. Returns false with a Python exception set.
bool to_lua(Core& core, PyObject* object, luna_value* out, Temporaries& temps);
// Lua -> Python for a value Luna gave us (owned): references are stolen from *v (its ref becomes
// NULL). Returns a new reference or nullptr with an exception set.
PyObject* from_lua_owned(Core& core, luna_value* v);
// Lua -> Python for a borrowed value (callback arguments, error values): references are copied.
PyObject* from_lua_borrowed(Core& core, const luna_value* v);
// Several results: None for none, the value for one, a tuple for more. Steals the values' refs.
PyObject* results_to_python(Core& core, luna_values* results);
PyObject* values_to_tuple(Core& core, luna_values* results);
PyObject* string_to_python(Core& core, const char* bytes, std::size_t length);
// Wraps a Python object (or a callable) as a Lua value (owned, also kept in temps).
bool wrap_object(Core& core, PyObject* object, AccessMode mode, luna_value* out);
bool wrap_callable(Core& core, PyObject* callable, PyObject* bound_self, luna_value* out);
// The Python object behind a proxy userdata, or nullptr (borrowed).
PyProxy* proxy_of(Core& core, const luna_value* v);
PyObject* wrap_lua_object(Core& core, luna_value* v);  // Table/Function/... steals the ref

// ---- errors (errors.cpp) -------------------------------------------------------------------------
// Raises the Python exception for a failed luna_* call (lock held), consuming error. Returns nullptr.
PyObject* raise_lua_error(Core& core, luna_status status, luna_error* error, const char* what);
void init_exceptions(PyObject* module);
extern PyObject* LuaError;
extern PyObject* LuaSyntaxError;
extern PyObject* LuaMemoryError;
extern PyObject* LuaTimeoutError;
extern PyObject* LuaInstructionLimitError;
extern PyObject* LuaCancelledError;

// ---- callbacks and proxies (callbacks.cpp) -------------------------------------------------------
// Builds the metatable for Python objects in Lua (Core construction, lock held).
void make_object_metatable(Core& core);

// ---- calls (calls.cpp) ---------------------------------------------------------------------------
// Calls a Lua value with Python arguments (args is a tuple, or argv/argc).
PyObject* call_lua(Core& core, const luna_value* function, PyObject* const* argv, std::size_t argc);
// Resumes: returns a (kind, payload) pair for the async driver, kind 0 = yield, 1 = return,
// 2 = await (payload: the awaitable); throw_exception != nullptr resumes with it raised inside.
PyObject* resume_coroutine(Coroutine& co, PyObject* args, PyObject* throw_exception, int* kind);

// The GIL released for a scope (Lua is running).
class WithoutGil {
 public:
  WithoutGil() : state_(PyEval_SaveThread()) {}
  ~WithoutGil() { PyEval_RestoreThread(state_); }
  WithoutGil(const WithoutGil&) = delete;
  WithoutGil& operator=(const WithoutGil&) = delete;

 private:
  PyThreadState* state_;
};

// The Python type objects of the wrappers (set in module.cpp), for fast creation and checks.
struct Types {
  PyObject* lua_object;
  PyObject* access_wrapper;
  PyObject* table;
  PyObject* function;
  PyObject* coroutine;
  PyObject* userdata;
};
extern Types types;

}  // namespace luna::python
