// Threads (lua_State), call frames (CallInfo) and the state shared by all threads (GlobalState).
// Ownership: the VM (vm/, runtime/) owns the meaning of lua_State/CallInfo fields; the collector owns
// the GC fields of GlobalState. Any number of independent GlobalStates may live in one process.
// Stack invariants: stack <= top <= stack_last; slots in [top, stack_last + extra_stack) exist;
// CallInfo::func/top are pointers into the stack and are rebased when the stack is reallocated.
// Each lua_State is allocated with LUA_EXTRASPACE bytes directly before it (lua_getextraspace).
#pragma once

#include <atomic>
#include <csetjmp>
#include <cstddef>
#include <cstdint>

#include "object/objects.h"

typedef void* (*lua_Alloc)(void* ud, void* ptr, size_t osize, size_t nsize);
typedef void (*lua_WarnFunction)(void* ud, const char* msg, int tocont);
struct lua_Debug;
typedef void (*lua_Hook)(lua_State* L, lua_Debug* ar);

namespace luna {

inline constexpr int extra_stack = 5;          // slots above stack_last for metamethod calls etc.
inline constexpr int basic_stack_size = 2 * 20; // 2 * LUA_MINSTACK
inline constexpr int max_stack = 1000000;      // LUAI_MAXSTACK
inline constexpr int max_c_calls = 200;        // LUAI_MAXCCALLS

// CallInfo::call_status bits
namespace cist {
inline constexpr std::uint16_t c = 1u << 1;        // call is running a C function
inline constexpr std::uint16_t fresh = 1u << 2;    // call is on a fresh "execute" frame (C-recursive entry)
inline constexpr std::uint16_t hooked = 1u << 3;   // call is running a debug hook
inline constexpr std::uint16_t yieldable_pcall = 1u << 4;
inline constexpr std::uint16_t tail = 1u << 5;     // call was tail called
inline constexpr std::uint16_t hook_yield = 1u << 6;
inline constexpr std::uint16_t finalizer = 1u << 7;
inline constexpr std::uint16_t transfer = 1u << 8;
inline constexpr std::uint16_t closing_return = 1u << 9;
// (bits 10-12: vm/call.h's recover status)
// A C function the interpreter called inline (op CALL): the interpreter looks at L->status when it
// returns, so coroutine.yield may suspend by returning instead of longjmp-ing (vm/coroutine.cpp).
inline constexpr std::uint16_t yield_by_return = 1u << 13;
inline constexpr std::uint16_t allow_hook = 1u << 0;  // original value of allowhook (for error recovery)
}  // namespace cist

struct CallInfo {
  StackId func;
  StackId top;
  CallInfo* previous;
  CallInfo* next;
  union {
    struct {                       // Lua functions
      const bytecode::Instruction* saved_pc;
      volatile int trap;           // nonzero: the interpreter must re-check hooks/stack
      int n_extra_args;            // number of varargs
    } l;
    struct {                       // C functions
      lua_KFunction k;
      std::ptrdiff_t old_errfunc;
      lua_KContext ctx;
    } c;
  } u;
  union {
    int func_index;                // protected-call function index (for yields in pcallk)
    int n_yield;
    int n_results;
    struct {
      std::uint16_t first_transfer;
      std::uint16_t n_transfer;
    } transfer_info;
  } u2;
  short n_results;                 // expected results (LUA_MULTRET = -1)
  std::uint16_t call_status;
};

// Protected calls use GCC's __builtin_setjmp/__builtin_longjmp: they save and restore only the
// frame, stack pointer and resume address (the compiler spills the callee-saved registers around
// the setjmp), where glibc's setjmp/longjmp also save the signal-mask flag and, on longjmp, walk
// the thread's cancellation handlers (__pthread_cleanup_upto): ~60 instructions per protected
// call and per error or yield. The sanitizer builds keep libc's, which ASan intercepts to unpoison
// the stack frames that the jump discards.
#if defined(__GNUC__) && !defined(__SANITIZE_ADDRESS__)
#define LUNA_BUILTIN_LONGJMP 1
#else
#define LUNA_BUILTIN_LONGJMP 0
#endif

// The chain of active protected calls of a thread (longjmp target).
struct LongJump {
  LongJump* previous;
#if LUNA_BUILTIN_LONGJMP
  void* buffer[5];  // the five words __builtin_setjmp uses
#else
  std::jmp_buf buffer;
#endif
  volatile int status;
};

struct GlobalState;

}  // namespace luna

struct lua_State : luna::GCObject {
  std::uint8_t status;
  std::uint8_t allow_hook;
  std::uint16_t n_ci;               // number of CallInfos in the list
  luna::StackId top;                // first free slot
  luna::GlobalState* global;
  luna::CallInfo* ci;               // current call
  luna::StackId stack_last;         // end of the usable stack (extra_stack slots follow)
  luna::StackId stack;
  luna::UpVal* open_upval;          // open upvalues of this thread, highest level first
  luna::StackId tbc_list;           // innermost to-be-closed variable
  luna::GCObject* gc_list;
  lua_State* twups;                 // threads with open upvalues (list in GlobalState)
  luna::LongJump* error_jmp;
  luna::CallInfo base_ci;           // the C frame of the thread's first level
  lua_Hook hook;
  std::ptrdiff_t err_func;          // stack offset of the current message handler (0 = none)
  std::uint32_t n_c_calls;          // C calls + non-yieldable calls (high 16 bits)
  int old_pc;                       // last pc traced (line hooks)
  int base_hook_count;
  int hook_count;
  volatile int hook_mask;
  // Safepoints left before this thread looks at GlobalState::interrupt (vm/interrupt.h); owner only.
  std::int32_t safepoint_count;
  // While resume runs the thread: n_c_calls of the execute() that resume entered itself (a C
  // function it calls inline may yield by returning); no_yield_by_return otherwise.
  std::uint32_t resume_c_calls;
};

namespace luna {

inline constexpr std::uint32_t no_yield_by_return = 0xFFFFFFFFu;  // never equals n_c_calls

inline void set_thread(Value& v, lua_State* L) { v.set_gc(L, tag::thread); }

struct StringTable {
  String** hash;
  int count;   // number of strings
  int size;    // number of buckets (power of two)
};

enum class GcKind : std::uint8_t { incremental, generational };

// Metamethod events, in the order of the 5.4 tag-method table (fast-access events first).
enum class Event : std::uint8_t {
  Index, Newindex, Gc, Mode, Len, Eq,  // fast events (cached as absent in Table::flags)
  Add, Sub, Mul, Mod, Pow, Div, Idiv, Band, Bor, Bxor, Shl, Shr, Unm, Bnot, Lt, Le, Concat, Call,
  Close, N
};
inline constexpr int event_count = static_cast<int>(Event::N);

// Per-state interrupts (budget, deadline, cancel, the sticky stop), looked at by the VM's
// safepoints through each thread's lua_State::safepoint_count (vm/interrupt.h owns all of this).
// Zeroed by new_state's memset = nothing armed. `flags` is the only field another OS thread
// touches (luna_cancel); the rest belongs to the thread running the state.
struct InterruptState {
  std::atomic<std::uint32_t> flags;  // vm::interrupt::flag bits
  std::uint64_t used;                // instructions charged since begin_call
  std::uint64_t budget;              // instruction budget of the current call, 0 = none
  std::int64_t deadline_ns;          // steady-clock deadline of the current call, 0 = none
  std::int32_t clock_countdown;      // safepoints left before the clock is read again (budget)
  std::int32_t window;               // safepoints the next budget sample stands for
  std::uint8_t stop;                 // vm::interrupt::Stop being raised (sticky), 0 = none
};

struct GlobalState {
  lua_Alloc frealloc;
  void* ud;
  std::ptrdiff_t total_bytes;       // bytes allocated + debt
  std::ptrdiff_t gc_debt;           // bytes allocated not yet compensated by the collector
  std::size_t gc_estimate;
  std::size_t gc_last_atomic;        // generational: objects marked by the last bad major collection (0: none)
  std::size_t last_atomic;
  StringTable strings;
  Value registry;
  Value nil_value;                  // a nil; also marks a complete state (tag nil = built)
  unsigned int seed;                // string hash seed
  std::uint8_t current_white;
  std::uint8_t gc_state;
  GcKind gc_kind;
  std::uint8_t gc_stop_em;          // stops emergency collections
  std::uint8_t gen_minor_mul;
  std::uint8_t gen_major_mul;
  std::uint8_t gc_stp;              // why the collector is stopped (user / internal)
  std::uint8_t gc_emergency;
  std::uint8_t gc_pause;
  std::uint8_t gc_step_mul;
  std::uint8_t gc_step_size;
  GCObject* all_gc;                 // all collectable objects
  GCObject** sweep_gc;
  GCObject* finobj;                 // objects with finalizers
  GCObject* gray;
  GCObject* gray_again;
  GCObject* weak;
  GCObject* ephemeron;
  GCObject* all_weak;
  GCObject* tobefnz;                // objects to be finalized
  GCObject* fixed_gc;               // objects never collected
  GCObject* survival;               // generational mode lists
  GCObject* old1;
  GCObject* really_old;
  GCObject* first_old1;
  GCObject* finobj_sur;
  GCObject* finobj_old1;
  GCObject* finobj_rold;
  lua_State* twups;
  lua_CFunction panic;
  lua_State* main_thread;
  String* memory_error_msg;
  String* tm_name[event_count];     // "__index", ...
  Table* metatables[9];             // metatables for basic types (LUA_NUMTYPES)
  String* strcache[53][2];          // cache of lua_pushstring/getfield C strings (by pointer)
  lua_WarnFunction warnf;
  void* ud_warn;
  std::uint8_t gc_stress;           // nonzero: full collection at every gc::check (see gc/gc.h)
  InterruptState interrupt;         // safepoint limits and stops (vm/interrupt.h owns the fields)
};

}  // namespace luna
