/*
 * luaconf.h -- build-time configuration of the Lua 5.4 C API as provided by Luna.
 *
 * Contract: every value here that a compiled C module can observe (numeric types, their printf
 * formats, LUAI_MAXSTACK, LUA_IDSIZE, LUAL_BUFFERSIZE, LUA_EXTRASPACE, alignment) is identical to
 * Lua 5.4's default 64-bit configuration, so modules built against Debian's or upstream headers run
 * unchanged on libluna and modules built against these headers run on other 5.4 cores.
 * Luna supports exactly one configuration: 64-bit lua_Integer (long long) and double lua_Number.
 * The search paths also cover Debian's multiarch module directories, so packaged modules load.
 */
#ifndef luaconf_h
#define luaconf_h

#include <limits.h>
#include <stddef.h>
#include <stdint.h>

/* ---- platform switches (accepted for source compatibility with upstream builds) ------------- */
#if defined(LUA_USE_LINUX) || defined(LUA_USE_MACOSX) || defined(LUA_USE_IOS)
#  if !defined(LUA_USE_POSIX)
#    define LUA_USE_POSIX
#  endif
#  if !defined(LUA_USE_DLOPEN)
#    define LUA_USE_DLOPEN
#  endif
#endif
#if defined(_WIN32) && !defined(_WIN32_WCE) && !defined(LUA_USE_WINDOWS)
#  define LUA_USE_WINDOWS
#endif
#if defined(LUA_USE_WINDOWS) && !defined(LUA_DL_DLL)
#  define LUA_DL_DLL
#endif

/* True when 'int' has at least 32 bits (always, on every platform Luna builds for). */
#define LUAI_IS32INT ((UINT_MAX >> 30) >= 3)

/* ---- numeric types ---------------------------------------------------------------------------
 * The selector constants exist because modules occasionally test them (e.g. "#if LUA_FLOAT_TYPE ==
 * LUA_FLOAT_DOUBLE"); the selection itself is fixed. */
#define LUA_INT_INT 1
#define LUA_INT_LONG 2
#define LUA_INT_LONGLONG 3
#define LUA_FLOAT_FLOAT 1
#define LUA_FLOAT_DOUBLE 2
#define LUA_FLOAT_LONGDOUBLE 3
#define LUA_INT_DEFAULT LUA_INT_LONGLONG
#define LUA_FLOAT_DEFAULT LUA_FLOAT_DOUBLE
#define LUA_32BITS 0
#define LUA_C89_NUMBERS 0
#define LUA_INT_TYPE LUA_INT_LONGLONG
#define LUA_FLOAT_TYPE LUA_FLOAT_DOUBLE

/* lua_Number: IEEE double. */
#define LUA_NUMBER double
#define LUAI_UACNUMBER double /* type a lua_Number is promoted to in a variadic call */
#define LUA_NUMBER_FRMLEN ""
#define LUA_NUMBER_FMT "%.14g"
#define l_floatatt(n) (DBL_##n)
#define l_mathop(op) op
#define l_floor(x) (l_mathop(floor)(x))
#define lua_str2number(s, p) strtod((s), (p))
#define lua_strx2number(s, p) lua_str2number(s, p)
#define lua_number2str(s, sz, n) l_sprintf((s), sz, LUA_NUMBER_FMT, (LUAI_UACNUMBER)(n))
#define lua_number2strx(L, b, sz, f, n) ((void)L, l_sprintf(b, sz, f, (LUAI_UACNUMBER)(n)))

/* lua_Integer: 64-bit two's complement. */
#define LUA_INTEGER long long
#define LUAI_UACINT LUA_INTEGER
#define LUA_UNSIGNED unsigned LUAI_UACINT
#define LUA_INTEGER_FRMLEN "ll"
#define LUA_INTEGER_FMT "%" LUA_INTEGER_FRMLEN "d"
#define LUA_MAXINTEGER LLONG_MAX
#define LUA_MININTEGER LLONG_MIN
#define LUA_MAXUNSIGNED ULLONG_MAX
#define lua_integer2str(s, sz, n) l_sprintf((s), sz, LUA_INTEGER_FMT, (LUAI_UACINT)(n))

/* Float -> integer when the float is integral: nonzero (and *p set) only if it is in range.
 * LUA_MININTEGER is a power of two, hence exact as a double; its negation bounds the range. */
#define lua_numbertointeger(n, p)                                                   \
  ((n) >= (LUA_NUMBER)(LUA_MININTEGER) && (n) < -(LUA_NUMBER)(LUA_MININTEGER) && \
   (*(p) = (LUA_INTEGER)(n), 1))

#define l_sprintf(s, sz, f, i) snprintf(s, sz, f, i)
#define lua_pointer2str(buff, sz, p) l_sprintf(buff, sz, "%p", p)

/* Continuation contexts are pointer-sized integers. */
#define LUA_KCONTEXT intptr_t

/* Decimal point of the current C locale (used by numeral conversion in C code that wants it). */
#if !defined(lua_getlocaledecpoint)
#  define lua_getlocaledecpoint() (localeconv()->decimal_point[0])
#endif

/* ---- branch hints --------------------------------------------------------------------------- */
#if !defined(luai_likely)
#  if defined(__GNUC__) && !defined(LUA_NOBUILTIN)
#    define luai_likely(x) (__builtin_expect(((x) != 0), 1))
#    define luai_unlikely(x) (__builtin_expect(((x) != 0), 0))
#  else
#    define luai_likely(x) (x)
#    define luai_unlikely(x) (x)
#  endif
#endif
#if defined(LUA_CORE) || defined(LUA_LIB)
#  define l_likely(x) luai_likely(x)
#  define l_unlikely(x) luai_unlikely(x)
#endif

/* ---- module search paths ----------------------------------------------------------------------
 * As Debian's lua5.4: /usr/local first, then the distribution's directories, including the
 * multiarch directory where Debian installs its 5.4 C modules. */
#define LUA_PATH_SEP ";"
#define LUA_PATH_MARK "?"
#define LUA_EXEC_DIR "!"
#define LUA_IGMARK "-"
#define LUA_VDIR LUA_VERSION_MAJOR "." LUA_VERSION_MINOR

#if defined(_WIN32)
#  define LUA_DIRSEP "\\"
#  define LUA_LDIR "!\\lua\\"
#  define LUA_CDIR "!\\"
#  define LUA_SHRDIR "!\\..\\share\\lua\\" LUA_VDIR "\\"
#  if !defined(LUA_PATH_DEFAULT)
#    define LUA_PATH_DEFAULT                                                          \
      LUA_LDIR "?.lua;" LUA_LDIR "?\\init.lua;" LUA_CDIR "?.lua;" LUA_CDIR "?\\init.lua;" \
          LUA_SHRDIR "?.lua;" LUA_SHRDIR "?\\init.lua;" ".\\?.lua;" ".\\?\\init.lua"
#  endif
#  if !defined(LUA_CPATH_DEFAULT)
#    define LUA_CPATH_DEFAULT \
      LUA_CDIR "?.dll;" LUA_CDIR "..\\lib\\lua\\" LUA_VDIR "\\?.dll;" LUA_CDIR "loadall.dll;" ".\\?.dll"
#  endif
#else
#  define LUA_DIRSEP "/"
#  if !defined(LUNA_MULTIARCH)
#    if defined(__x86_64__)
#      define LUNA_MULTIARCH "x86_64-linux-gnu"
#    elif defined(__aarch64__)
#      define LUNA_MULTIARCH "aarch64-linux-gnu"
#    elif defined(__i386__)
#      define LUNA_MULTIARCH "i386-linux-gnu"
#    elif defined(__arm__)
#      define LUNA_MULTIARCH "arm-linux-gnueabihf"
#    elif defined(__powerpc64__) && defined(__LITTLE_ENDIAN__)
#      define LUNA_MULTIARCH "powerpc64le-linux-gnu"
#    elif defined(__riscv) && (__riscv_xlen == 64)
#      define LUNA_MULTIARCH "riscv64-linux-gnu"
#    elif defined(__s390x__)
#      define LUNA_MULTIARCH "s390x-linux-gnu"
#    else
#      define LUNA_MULTIARCH "unknown-linux-gnu"
#    endif
#  endif
#  define LUA_ROOT "/usr/local/"
#  define LUA_ROOT2 "/usr/"
#  define LUA_LDIR LUA_ROOT "share/lua/" LUA_VDIR "/"
#  define LUA_LDIR2 LUA_ROOT2 "share/lua/" LUA_VDIR "/"
#  define LUA_CDIR LUA_ROOT "lib/lua/" LUA_VDIR "/"
#  define LUA_CDIR2 LUA_ROOT2 "lib/" LUNA_MULTIARCH "/lua/" LUA_VDIR "/"
#  define LUA_CDIR3 LUA_ROOT2 "lib/lua/" LUA_VDIR "/"
#  if !defined(LUA_PATH_DEFAULT)
#    define LUA_PATH_DEFAULT                                                                \
      LUA_LDIR "?.lua;" LUA_LDIR "?/init.lua;" LUA_CDIR "?.lua;" LUA_CDIR "?/init.lua;"       \
          LUA_LDIR2 "?.lua;" LUA_LDIR2 "?/init.lua;" "./?.lua;" "./?/init.lua"
#  endif
#  if !defined(LUA_CPATH_DEFAULT)
#    define LUA_CPATH_DEFAULT \
      LUA_CDIR "?.so;" LUA_CDIR2 "?.so;" LUA_CDIR3 "?.so;" LUA_CDIR "loadall.so;" "./?.so"
#  endif
#endif

/* ---- linkage and visibility ---------------------------------------------------------------------
 * libluna is built with -fvisibility=hidden: exactly the API names carry default visibility, and
 * engine/capi/exports.map puts them in the LUA_5.4 version node. Under C++ the API keeps C
 * linkage, so C++ modules and the engine itself agree with C modules on the symbol names. */
#if defined(_WIN32) && defined(LUA_BUILD_AS_DLL)
#  if defined(LUNA_BUILDING) || defined(LUA_CORE) || defined(LUA_LIB)
#    define LUAI_VISIBLE __declspec(dllexport)
#  else
#    define LUAI_VISIBLE __declspec(dllimport)
#  endif
#elif defined(__GNUC__)
#  define LUAI_VISIBLE __attribute__((visibility("default")))
#else
#  define LUAI_VISIBLE
#endif

#if defined(__cplusplus)
#  define LUA_API extern "C" LUAI_VISIBLE
#else
#  define LUA_API extern LUAI_VISIBLE
#endif
#define LUALIB_API LUA_API
#define LUAMOD_API LUA_API

/* Internal (non-exported) functions of a library split over several files. */
#if defined(__GNUC__) && !defined(_WIN32)
#  define LUAI_FUNC __attribute__((visibility("internal"))) extern
#else
#  define LUAI_FUNC extern
#endif
#define LUAI_DDEC(dec) LUAI_FUNC dec
#define LUAI_DDEF /* empty */

/* ---- compatibility with Lua 5.3 (only when a module asks for it) ------------------------------- */
#if defined(LUA_COMPAT_5_3)
#  define LUA_COMPAT_MATHLIB
#  define LUA_COMPAT_APIINTCASTS
#  define LUA_COMPAT_LT_LE
#  define lua_strlen(L, i) lua_rawlen(L, (i))
#  define lua_objlen(L, i) lua_rawlen(L, (i))
#  define lua_equal(L, idx1, idx2) lua_compare(L, (idx1), (idx2), LUA_OPEQ)
#  define lua_lessthan(L, idx1, idx2) lua_compare(L, (idx1), (idx2), LUA_OPLT)
#endif

#if defined(LUA_USE_APICHECK)
#  include <assert.h>
#  define luai_apicheck(l, e) assert(e)
#endif

/* ---- sizes baked into modules ------------------------------------------------------------------
 * LUAI_MAXSTACK fixes LUA_REGISTRYINDEX; LUA_EXTRASPACE is the per-thread scratch area placed just
 * before each lua_State; LUA_IDSIZE is the size of lua_Debug::short_src; LUAL_BUFFERSIZE is the size
 * of luaL_Buffer's inline storage. */
#define LUAI_MAXSTACK 1000000
#define LUA_EXTRASPACE (sizeof(void*))
#define LUA_IDSIZE 60
#define LUAL_BUFFERSIZE ((int)(16 * sizeof(void*) * sizeof(lua_Number)))

/* Members whose union has the strictest alignment any Lua value needs. */
#define LUAI_MAXALIGN \
  lua_Number n;       \
  double u;           \
  void* s;            \
  lua_Integer i;      \
  long l

#endif /* luaconf_h */
