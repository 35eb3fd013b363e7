/*
 * luna.h - Luna's stable embedding ABI, the one interface the Python, Java and .NET bindings use.
 *
 * Contract (the same for every host):
 *  - Plain C, opaque handles (luna_state, luna_ref, luna_error), explicit ownership: every handle
 *    the host receives is released by the host with the function named in its documentation.
 *  - Every entry point returns a luna_status (or a plain value) and NEVER unwinds through the host:
 *    Lua errors, allocation failures and C++ exceptions are caught inside and turned into statuses.
 *  - Strings are byte-exact: a pointer plus a length, embedded NULs allowed, no NUL-termination
 *    assumed on input. Strings produced by Luna are additionally NUL-terminated for convenience.
 *  - Integers (int64) and floats (double) are distinct value types, as in Lua 5.4.
 *  - Threads: one luna_state is used by one OS thread at a time (a second thread entering a state
 *    that is busy gets LUNA_ERROR_BUSY, never a crash); different states may run concurrently on
 *    different threads. luna_cancel() and luna_ref_release()/luna_value_release() may be called from
 *    any thread at any time (releases are queued and performed by the owner on its next call).
 *  - Versioned: luna_abi_version(); changes are additive only (new functions, new enum values,
 *    new trailing fields in structs that carry their own size).
 */
#ifndef LUNA_H
#define LUNA_H

#include <stddef.h>
#include <stdint.h>

#include "luaconf.h" /* LUA_API: C linkage, default visibility */

#define LUNA_ABI_VERSION_MAJOR 1
#define LUNA_ABI_VERSION_MINOR 2 /* 1.1: luna_call_into, luna_rawset_array, luna_rawget_array;
                                    1.2: luna_results_push_many, luna_get_fast, luna_set_fast */
/* (major << 16) | minor. A host built against major M works with any library of major M whose
   minor is >= the minor the host was built with. */
#define LUNA_ABI_VERSION ((LUNA_ABI_VERSION_MAJOR << 16) | LUNA_ABI_VERSION_MINOR)

#ifdef __cplusplus
extern "C" {
#endif

/* ---- status codes ---------------------------------------------------------------------------- */
typedef enum luna_status {
  LUNA_OK = 0,
  LUNA_YIELD = 1,           /* luna_resume: the coroutine yielded (results = yielded values) */
  LUNA_ERROR_RUNTIME = 2,   /* a Lua error (error(), a failed operation, a host callback error) */
  LUNA_ERROR_SYNTAX = 3,    /* a chunk failed to compile, or a binary chunk was refused */
  LUNA_ERROR_MEMORY = 4,    /* the memory limit was reached or an allocation failed */
  LUNA_ERROR_HANDLER = 5,   /* an error while handling an error (Lua's LUA_ERRERR) */
  LUNA_ERROR_BUDGET = 6,    /* the instruction budget of the call was exhausted (uncatchable) */
  LUNA_ERROR_TIMEOUT = 7,   /* the wall-clock timeout of the call expired (uncatchable) */
  LUNA_CANCELLED = 8,       /* luna_cancel() was called (uncatchable) */
  LUNA_ERROR_TYPE = 9,      /* a value has the wrong type for the operation (e.g. not a table) */
  LUNA_ERROR_ARGUMENT = 10, /* an invalid argument: NULL pointer, handle of another state... */
  LUNA_ERROR_BUSY = 11      /* the state is being used by another thread right now */
} luna_status;

/* "LUNA_OK", "LUNA_ERROR_RUNTIME", ...; a static string, never NULL. */
LUA_API const char* luna_status_name(int status);
LUA_API uint32_t luna_abi_version(void);

/* ---- handles ---------------------------------------------------------------------------------- */
typedef struct luna_state luna_state; /* one Lua universe; released with luna_state_close */
typedef struct luna_ref luna_ref;     /* an owned anchor of one value (see luna_value) */
typedef struct luna_error luna_error; /* an error record; released with luna_error_release */

/* ---- values ------------------------------------------------------------------------------------ */
typedef enum luna_type {
  LUNA_TNIL = 0,
  LUNA_TBOOLEAN = 1,
  LUNA_TLIGHTUSERDATA = 2,
  LUNA_TINTEGER = 3,
  LUNA_TFLOAT = 4,
  LUNA_TSTRING = 5,
  LUNA_TTABLE = 6,
  LUNA_TFUNCTION = 7,
  LUNA_TUSERDATA = 8,
  LUNA_TTHREAD = 9
} luna_type;

/*
 * A Lua value as plain data (no union, so SWIG and JNI map it field by field).
 * Which fields mean something depends on `type`:
 *   BOOLEAN boolean (0/1) | INTEGER integer | FLOAT number | LIGHTUSERDATA pointer
 *   USERDATA also sets pointer = the userdata's memory block (outputs only)
 *   STRING  string + length (bytes; may contain NULs)
 *   TABLE, FUNCTION, USERDATA, THREAD: ref (the anchor that keeps the object alive)
 * Values given TO Luna (arguments) are borrowed: Luna copies what it keeps. For strings only
 * string/length are read; for reference types `ref` must be a live handle of the same state.
 * Values produced BY Luna (outputs) are owned by the host when `ref` is not NULL, including strings
 * (their bytes live in the ref); release them with luna_value_release (any thread). Values handed
 * to a host callback as arguments are borrowed for the duration of the callback only.
 */
typedef struct luna_value {
  int32_t type; /* luna_type */
  int32_t boolean;
  int64_t integer;
  double number;
  const char* string;
  size_t length;
  void* pointer;
  luna_ref* ref;
} luna_value;

/* A result array produced by Luna; release with luna_values_release (frees items and their refs). */
typedef struct luna_values {
  size_t count;
  luna_value* items;
} luna_values;

/* Constructors for values passed in (fill a luna_value on the host's side; nothing to release). */
LUA_API luna_value luna_nil(void);
LUA_API luna_value luna_boolean(int b);
LUA_API luna_value luna_integer(int64_t i);
LUA_API luna_value luna_float(double d);
LUA_API luna_value luna_string(const char* bytes, size_t length); /* borrowed bytes */
LUA_API luna_value luna_lightuserdata(void* p);

/* Releases what an output value owns and sets it to nil. Safe on NULL, nil and borrowed-free values.
   Callable from any thread, even after luna_state_close (then it only frees the handle). */
LUA_API void luna_value_release(luna_value* value);
LUA_API void luna_values_release(luna_values* values);
/* A new owned copy of `value` (e.g. to keep a callback argument). *out must be released. */
LUA_API luna_status luna_value_copy(luna_state* S, const luna_value* value, luna_value* out);
/* Releases one anchor (any thread, any time; the registry slot is freed on the owner's next call). */
LUA_API void luna_ref_release(luna_ref* ref);

/* ---- states, libraries, limits ---------------------------------------------------------------- */
/* Library selection: a bitmask. */
#define LUNA_LIB_BASE 0x0001u          /* base library without dofile/loadfile */
#define LUNA_LIB_BASE_FILES 0x0002u    /* dofile and loadfile */
#define LUNA_LIB_BINARY_CHUNKS 0x0004u /* precompiled chunks may be loaded (luna_load, load) */
#define LUNA_LIB_PACKAGE 0x0008u       /* package and require (can load C modules!) */
#define LUNA_LIB_COROUTINE 0x0010u
#define LUNA_LIB_TABLE 0x0020u
#define LUNA_LIB_IO 0x0040u
#define LUNA_LIB_OS 0x0080u        /* the whole os library */
#define LUNA_LIB_OS_TIME 0x0100u   /* only os.time, os.clock, os.date, os.difftime */
#define LUNA_LIB_STRING 0x0200u
#define LUNA_LIB_MATH 0x0400u
#define LUNA_LIB_UTF8 0x0800u
#define LUNA_LIB_DEBUG 0x1000u     /* debug hooks do not affect the limits (see below) */
#define LUNA_LIBS_NONE 0x0000u
#define LUNA_LIBS_FULL 0x1FFFu
/* Untrusted code: no io, os (except time/clock/date/difftime), debug, package/require, dofile,
   loadfile; `load` accepts text chunks only (mode forced to "t"); luna_load refuses binary. */
#define LUNA_LIBS_SANDBOX                                                                          \
  (LUNA_LIB_BASE | LUNA_LIB_COROUTINE | LUNA_LIB_TABLE | LUNA_LIB_OS_TIME | LUNA_LIB_STRING |     \
   LUNA_LIB_MATH | LUNA_LIB_UTF8)

/* Options. LUNA_OPTION_NO_LIMITS: luna_set_instruction_limit and luna_set_timeout with a nonzero
   value return LUNA_ERROR_ARGUMENT. (It used to spare the cost of a count hook; the limits are
   now engine safepoints that cost nothing measurable while none is armed, so it only refuses them.)
   luna_cancel, stops returned by callbacks and the memory limit work in both modes. */
#define LUNA_OPTION_NO_LIMITS 0x0001u

typedef struct luna_config {
  uint32_t size;         /* sizeof(luna_config): lets later versions add fields */
  uint32_t libraries;    /* LUNA_LIB_* mask */
  uint64_t memory_limit; /* bytes for the whole state, start-up included; 0 = unlimited */
  uint32_t options;      /* LUNA_OPTION_* mask; 0 = default (limits available) */
  uint32_t reserved;     /* must be 0 */
} luna_config;

/* Creates a state. config may be NULL (= LUNA_LIBS_FULL, no memory limit, options 0). On success *out is a new state
   the host must close with luna_state_close. LUNA_ERROR_MEMORY if the limit is too small even to
   open the libraries. */
LUA_API luna_status luna_state_new(const luna_config* config, luna_state** out);
/* Closes the state: runs pending finalizers and callback destructors. Outstanding refs/errors stay
   valid as handles (release them later, from any thread) but no longer denote Lua values. Must not
   be called while a call on the state is running. NULL is ignored. */
LUA_API void luna_state_close(luna_state* S);

/* Memory limit in bytes (0 = unlimited). Reaching it fails the allocation: the running call returns
   LUNA_ERROR_MEMORY (a script's pcall may catch it as "not enough memory", as in Lua) and the state
   stays usable. A limit below the current use only blocks further growth. */
LUA_API luna_status luna_set_memory_limit(luna_state* S, uint64_t bytes);
LUA_API uint64_t luna_memory_used(luna_state* S);

/* Per outermost call (luna_call/luna_execute/luna_resume... entered from the host, not from inside
   a callback): a budget of VM instructions (0 = none) and a wall-clock timeout in microseconds
   (0 = none). Exceeding one stops the call with LUNA_ERROR_BUDGET / LUNA_ERROR_TIMEOUT; Lua code
   cannot catch either (pcall, xpcall, coroutine.resume/wrap/close re-raise it until control is
   back at the host), and debug.sethook cannot remove or replace them.
   How they are checked: the VM has safepoints at every loop back edge (backward jump, numeric and
   generic for) and at the entry of every Lua function, plus the pattern matcher's steps and
   string.rep's copy loop. Granularity of the budget: a back edge counts the length of the loop
   body in instructions (exact for a body without branches; an upper bound otherwise), a Lua
   function entry counts the function's length, at most 32. For speed the count is sampled: one
   safepoint in up to 64 is looked at and charged for the whole window since the previous look;
   windows shrink to one safepoint near the budget, so a call stops when the count reaches the
   budget (exactly on it when the charges are steady, e.g. in a loop); the last window of a call
   that finishes goes uncounted.
   The clock is read at least every LUNA_CHECK_INTERVAL safepoints; a cancel is seen within about
   1000 safepoints. Not interruptible: one long C function call that runs no Lua code and
   has no safepoint, e.g. table.concat or table.sort (without a Lua comparator) of a huge table,
   string.format/gsub over huge strings, io reads; a host callback until it returns; a coroutine
   that was suspended when the call started runs up to 1024 safepoints before its first check. */
#define LUNA_CHECK_INTERVAL 1000
LUA_API luna_status luna_set_instruction_limit(luna_state* S, uint64_t instructions);
LUA_API luna_status luna_set_timeout(luna_state* S, uint64_t microseconds);
/* Instructions counted for the current/last outermost call (see above): an estimate from sampled
   safepoints when a budget or a timeout is set; 0 when neither is. Deterministic: the same code
   with the same budget counts the same. */
LUA_API uint64_t luna_instructions_used(luna_state* S);
/* From any thread (async-signal-safe: one atomic read-modify-write, lock-free). The running call, or
   the next call if none runs, stops with LUNA_CANCELLED (uncatchable, like the limits), in every
   state, LUNA_OPTION_NO_LIMITS included. The request is consumed when an outermost call returns
   LUNA_CANCELLED or by luna_clear_cancel. */
LUA_API void luna_cancel(luna_state* S);
LUA_API void luna_clear_cancel(luna_state* S);

/* ---- errors ------------------------------------------------------------------------------------ */
/* Functions that can fail take `luna_error** error` (may be NULL). On failure, if error is not NULL,
   *error receives a new record the host releases with luna_error_release (any thread). On success
   *error is set to NULL. */
typedef struct luna_frame {
  const char* source; /* chunk id as in messages ("input:3", "[C]", "=stdin"...), NUL-terminated */
  int32_t line;       /* current line, -1 if unknown (C functions) */
  int32_t line_defined;
  const char* name;     /* function name or "" */
  const char* namewhat; /* "global", "local", "method", "field", "upvalue", "" */
  const char* what;     /* "Lua", "C", "main" */
} luna_frame;

LUA_API luna_status luna_error_status(const luna_error* e);
/* The original error value (any type), borrowed: valid until luna_error_release. */
LUA_API const luna_value* luna_error_value(const luna_error* e);
/* A message: the value itself if it is a string or number, else "(error object is a X value)";
   byte-exact (length in *length if not NULL), NUL-terminated, borrowed. */
LUA_API const char* luna_error_message(const luna_error* e, size_t* length);
/* The traceback at the raise point, innermost frame first (at most 64 frames). */
LUA_API size_t luna_error_frame_count(const luna_error* e);
/* Frame i (borrowed strings, valid until luna_error_release); LUNA_ERROR_ARGUMENT if out of range. */
LUA_API luna_status luna_error_frame(const luna_error* e, size_t i, luna_frame* out);
LUA_API void luna_error_release(luna_error* e);

/* ---- chunks and calls -------------------------------------------------------------------------- */
typedef enum luna_load_mode { LUNA_LOAD_TEXT = 1, LUNA_LOAD_BINARY = 2, LUNA_LOAD_ANY = 3 } luna_load_mode;

/* Compiles a chunk (bytes, length) into a function (*out, owned). name: chunk name as in Lua
   ("=stdin", "@file.lua", or the text shown as [string "..."]); NUL-terminated; NULL = "=chunk".
   Binary chunks need mode BINARY/ANY and LUNA_LIB_BINARY_CHUNKS in the state's libraries, else
   LUNA_ERROR_SYNTAX. */
LUA_API luna_status luna_load(luna_state* S, const char* chunk, size_t length, const char* name,
                              luna_load_mode mode, luna_value* out, luna_error** error);
/* Calls function (any callable value) with args[0..nargs); on success *results receives every
   result (owned; release with luna_values_release). results may be NULL to drop them. */
LUA_API luna_status luna_call(luna_state* S, const luna_value* function, const luna_value* args,
                              size_t nargs, luna_values* results, luna_error** error);
/* luna_call for hot paths, same semantics and statuses: the results go into the caller's array
   results[0..capacity) (owned, release each with luna_value_release) and *count receives their
   number; when there are more than capacity, results is left untouched and all of them are in
   *overflow instead (owned; release with luna_values_release). count and overflow must not be NULL.
   Faster than luna_call for outermost calls whose arguments contain no strings. */
LUA_API luna_status luna_call_into(luna_state* S, const luna_value* function, const luna_value* args,
                                   size_t nargs, luna_value* results, size_t capacity, size_t* count,
                                   luna_values* overflow, luna_error** error);
/* luna_load (text only) + luna_call. */
LUA_API luna_status luna_execute(luna_state* S, const char* chunk, size_t length, const char* name,
                                 const luna_value* args, size_t nargs, luna_values* results,
                                 luna_error** error);

/* ---- host callbacks ---------------------------------------------------------------------------- */
/* Collects a callback's results or error value. Only valid during the callback. */
typedef struct luna_results luna_results;

/* A host function called from Lua. args are borrowed for the duration of the call. Return LUNA_OK
   to return the pushed results; LUNA_ERROR_RUNTIME (or TYPE/ARGUMENT) to raise the value given to
   luna_results_error (a generic message if none) as a Lua error that scripts can catch;
   LUNA_ERROR_MEMORY to raise a memory error; LUNA_CANCELLED / LUNA_ERROR_TIMEOUT /
   LUNA_ERROR_BUDGET to stop the whole outermost call, uncatchably. The callback must not throw
   or longjmp (a C++ exception is caught and raised as a Lua error); it may call any luna_*
   function on S (re-entrantly, same thread). */
typedef luna_status (*luna_callback)(void* userdata, luna_state* S, const luna_value* args,
                                     size_t nargs, luna_results* out);
/* Called once with userdata when the Lua function is collected or the state closes. May be NULL. */
typedef void (*luna_destructor)(void* userdata);

/* A new Lua function (*out, owned) calling fn(userdata, ...). On failure the destructor (if any)
   has been called before luna_new_function returns. */
LUA_API luna_status luna_new_function(luna_state* S, luna_callback fn, void* userdata,
                                      luna_destructor destroy, luna_value* out);
/* Appends a result (copied). LUNA_ERROR_MEMORY / LUNA_ERROR_ARGUMENT on failure. */
LUA_API luna_status luna_results_push(luna_results* out, const luna_value* value);
/* Sets the error value raised when the callback returns an error status (copied). */
LUA_API luna_status luna_results_error(luna_results* out, const luna_value* value);
/* Appends values[0..n) (copied) in one step: all or none are pushed. Faster than n calls of
   luna_results_push (no protected step at all when no value is a string). Same statuses. */
LUA_API luna_status luna_results_push_many(luna_results* out, const luna_value* values, size_t n);

/* ---- globals, tables, other operations ---------------------------------------------------------- */
LUA_API luna_status luna_globals(luna_state* S, luna_value* out); /* the global table (owned) */
LUA_API luna_status luna_get_global(luna_state* S, const char* name, size_t length, luna_value* out,
                                    luna_error** error);
LUA_API luna_status luna_set_global(luna_state* S, const char* name, size_t length,
                                    const luna_value* value, luna_error** error);
LUA_API luna_status luna_new_table(luna_state* S, int32_t array_size, int32_t hash_size,
                                   luna_value* out);
/* t[key] with metamethods (__index, __newindex): may run Lua code, so may fail with any status. */
LUA_API luna_status luna_get(luna_state* S, const luna_value* t, const luna_value* key,
                             luna_value* out, luna_error** error);
LUA_API luna_status luna_set(luna_state* S, const luna_value* t, const luna_value* key,
                             const luna_value* value, luna_error** error);
/* Raw access (tables only, else LUNA_ERROR_TYPE); rawset of a nil or NaN key: LUNA_ERROR_ARGUMENT. */
LUA_API luna_status luna_rawget(luna_state* S, const luna_value* t, const luna_value* key,
                                luna_value* out);
LUA_API luna_status luna_rawset(luna_state* S, const luna_value* t, const luna_value* key,
                                const luna_value* value);
/* The # operator with __len (*out may be any value); luna_rawlen: raw length of a table/string. */
LUA_API luna_status luna_len(luna_state* S, const luna_value* v, luna_value* out, luna_error** error);
LUA_API luna_status luna_rawlen(luna_state* S, const luna_value* v, uint64_t* out);
/* Iteration in `next` order: pass a nil key to start; *out_key becomes nil (type LUNA_TNIL) when
   the traversal is over. Assigning existing fields during traversal is allowed, adding is not
   (as in Lua). A key that is not in the table: LUNA_ERROR_RUNTIME ("invalid key to 'next'"). */
LUA_API luna_status luna_next(luna_state* S, const luna_value* t, const luna_value* key,
                              luna_value* out_key, luna_value* out_value);
/* Metatables: *out is nil when there is none. Setting nil removes it. */
LUA_API luna_status luna_get_metatable(luna_state* S, const luna_value* v, luna_value* out);
LUA_API luna_status luna_set_metatable(luna_state* S, const luna_value* v, const luna_value* mt);
/* tostring(v) with __tostring/__name; *out is an owned string. */
LUA_API luna_status luna_tostring(luna_state* S, const luna_value* v, luna_value* out,
                                  luna_error** error);
/* Raw equality (no __eq): 1 if equal, 0 if not. */
LUA_API int luna_rawequal(luna_state* S, const luna_value* a, const luna_value* b);

/* Bulk raw access to array slots (tables only, else LUNA_ERROR_TYPE), one entry into the state for
   the whole run: luna_rawset_array sets t[first + i] = values[i] for i in [0, n) (nil values clear
   slots); luna_rawget_array writes t[first + i] into out[i] (owned; release each with
   luna_value_release; all are nil on failure). LUNA_ERROR_MEMORY if the table cannot grow. */
LUA_API luna_status luna_rawset_array(luna_state* S, const luna_value* t, int64_t first,
                                      const luna_value* values, size_t n);
LUA_API luna_status luna_rawget_array(luna_state* S, const luna_value* t, int64_t first, size_t n,
                                      luna_value* out);
/* luna_get / luna_set for hot paths, same semantics and statuses (they fall back to them). Faster
   when t is a table without a metatable, the key is not a long string, and: for luna_get_fast the
   value found is nil, a boolean, a number or a light userdata; for luna_set_fast the key already
   has a slot (an array index or an existing field, so nothing is allocated) and the value is not
   a string unless that short string already exists in the state. Such a direct access runs no
   Lua code, so it takes only the busy check: a cancel requested while idle is left for the next
   call that runs code (luna_get would return LUNA_CANCELLED), and limits do not apply. */
LUA_API luna_status luna_get_fast(luna_state* S, const luna_value* t, const luna_value* key,
                                  luna_value* out, luna_error** error);
LUA_API luna_status luna_set_fast(luna_state* S, const luna_value* t, const luna_value* key,
                                  const luna_value* value, luna_error** error);

/* Full userdata with `size` bytes of block owned by Lua (*block, valid while the value lives). */
LUA_API luna_status luna_new_userdata(luna_state* S, size_t size, luna_value* out, void** block);
/* The block of a full userdata, or NULL if v is not one. */
LUA_API void* luna_userdata_block(luna_state* S, const luna_value* v);

/* ---- coroutines -------------------------------------------------------------------------------- */
typedef enum luna_coroutine_status {
  LUNA_CO_SUSPENDED = 0, /* created or yielded: may be resumed */
  LUNA_CO_RUNNING = 1,   /* it is the thread running the current callback */
  LUNA_CO_NORMAL = 2,    /* active but not running (it resumed another coroutine) */
  LUNA_CO_DEAD = 3       /* finished or failed */
} luna_coroutine_status;

/* A new coroutine (*out, type LUNA_TTHREAD, owned) that will run `function`. */
LUA_API luna_status luna_coroutine_new(luna_state* S, const luna_value* function, luna_value* out);
/* Resumes it with args: LUNA_YIELD with the yielded values in *results, LUNA_OK with the function's
   results when it finished, or an error status (the coroutine is then dead; the error's traceback
   is the coroutine's stack). A coroutine that is not suspended: LUNA_ERROR_ARGUMENT. */
LUA_API luna_status luna_resume(luna_state* S, const luna_value* coroutine, const luna_value* args,
                                size_t nargs, luna_values* results, luna_error** error);
/* LUNA_CO_* of a thread value, or -1 if v is not a thread of S. */
LUA_API int luna_coroutine_status_of(luna_state* S, const luna_value* coroutine);

#ifdef __cplusplus
}
#endif

#endif /* LUNA_H */
