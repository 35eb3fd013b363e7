/*
 * ABI probe: prints every constant, type, structure layout and macro expansion of the Lua 5.4
 * public headers that a compiled module can observe. Built twice -- against Luna's headers and
 * against Debian's reference headers -- and the two outputs must match line for line, except the
 * lines starting with "release." (version strings that legitimately differ between 5.4.x).
 *
 * Macros that expand to API calls are probed through recording stubs defined below: each stub
 * prints its name and arguments, so the probe shows exactly which calls a module makes.
 * Build as C11 (for _Generic); no Lua core is linked.
 */
#define LUA_COMPAT_5_3 /* also probe the 5.3 compatibility macros */
#include <float.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lauxlib.h"
#include "lua.h"
#include "lualib.h"

/* ---- printing helpers -------------------------------------------------------------------------- */
static void put_str(const char* key, const char* s) {
  printf("%s = \"", key);
  for (const unsigned char* p = (const unsigned char*)s; *p; p++) {
    if (*p < 32 || *p >= 127 || *p == '"' || *p == '\\')
      printf("\\x%02x", *p);
    else
      putchar(*p);
  }
  printf("\"\n");
}
#define INT(x) printf("%s = %lld\n", #x, (long long)(x))
#define STR(x) put_str(#x, x)
#define REL_INT(x) printf("release.%s = %lld\n", #x, (long long)(x))
#define REL_STR(x) put_str("release." #x, x)

#define TYPE_NAME(t)                                                                            \
  _Generic((t)0, signed char: "signed char", unsigned char: "unsigned char", short: "short",   \
           unsigned short: "unsigned short", int: "int", unsigned int: "unsigned int",         \
           long: "long", unsigned long: "unsigned long", long long: "long long",               \
           unsigned long long: "unsigned long long", float: "float", double: "double",         \
           long double: "long double", default: "other")
#define TYPE(t) printf("type %s = %s, size %zu, align %zu\n", #t, TYPE_NAME(t), sizeof(t), _Alignof(t))

#define LAYOUT(s) printf("struct %s: size %zu, align %zu\n", #s, sizeof(s), _Alignof(s))
#define FIELD(s, f) printf("  %s.%s: offset %zu, size %zu\n", #s, #f, offsetof(s, f), sizeof(((s*)0)->f))

/* ---- recording stubs ---------------------------------------------------------------------------- */
static int stub_type_result = LUA_TNIL;
static int stub_status_result = 0;
static lua_State* const FAKE_L = (lua_State*)(void*)0x10000;

static const char* show(const char* s) { return s ? s : "(null)"; }

void lua_callk(lua_State* L, int nargs, int nresults, lua_KContext ctx, lua_KFunction k) {
  (void)L;
  printf("  call lua_callk(%d, %d, %ld, %s)\n", nargs, nresults, (long)ctx, k ? "k" : "NULL");
}
int lua_pcallk(lua_State* L, int nargs, int nresults, int errfunc, lua_KContext ctx, lua_KFunction k) {
  (void)L;
  printf("  call lua_pcallk(%d, %d, %d, %ld, %s)\n", nargs, nresults, errfunc, (long)ctx, k ? "k" : "NULL");
  return stub_status_result;
}
int lua_yieldk(lua_State* L, int nresults, lua_KContext ctx, lua_KFunction k) {
  (void)L;
  printf("  call lua_yieldk(%d, %ld, %s)\n", nresults, (long)ctx, k ? "k" : "NULL");
  return -1;
}
lua_Number lua_tonumberx(lua_State* L, int idx, int* isnum) {
  (void)L;
  printf("  call lua_tonumberx(%d, %s)\n", idx, isnum ? "ptr" : "NULL");
  return 1.5;
}
lua_Integer lua_tointegerx(lua_State* L, int idx, int* isnum) {
  (void)L;
  printf("  call lua_tointegerx(%d, %s)\n", idx, isnum ? "ptr" : "NULL");
  return -7;
}
void lua_settop(lua_State* L, int idx) {
  (void)L;
  printf("  call lua_settop(%d)\n", idx);
}
void lua_createtable(lua_State* L, int narr, int nrec) {
  (void)L;
  printf("  call lua_createtable(%d, %d)\n", narr, nrec);
}
static int probe_cfunction(lua_State* L) { return L == NULL; }
void lua_pushcclosure(lua_State* L, lua_CFunction fn, int n) {
  (void)L;
  printf("  call lua_pushcclosure(%s, %d)\n", fn == probe_cfunction ? "f" : "?", n);
}
void lua_setglobal(lua_State* L, const char* name) {
  (void)L;
  printf("  call lua_setglobal(\"%s\")\n", name);
}
int lua_type(lua_State* L, int idx) {
  (void)L;
  printf("  call lua_type(%d)\n", idx);
  return stub_type_result;
}
const char* lua_typename(lua_State* L, int tp) {
  (void)L;
  printf("  call lua_typename(%d)\n", tp);
  return "typename";
}
const char* lua_pushstring(lua_State* L, const char* s) {
  (void)L;
  printf("  call lua_pushstring(\"%s\")\n", s);
  return s;
}
int lua_rawgeti(lua_State* L, int idx, lua_Integer n) {
  (void)L;
  printf("  call lua_rawgeti(%d, %lld)\n", idx, (long long)n);
  return LUA_TTABLE;
}
const char* lua_tolstring(lua_State* L, int idx, size_t* len) {
  (void)L;
  printf("  call lua_tolstring(%d, %s)\n", idx, len ? "ptr" : "NULL");
  return "s";
}
void lua_rotate(lua_State* L, int idx, int n) {
  (void)L;
  printf("  call lua_rotate(%d, %d)\n", idx, n);
}
void lua_copy(lua_State* L, int fromidx, int toidx) {
  (void)L;
  printf("  call lua_copy(%d, %d)\n", fromidx, toidx);
}
void* lua_newuserdatauv(lua_State* L, size_t sz, int nuvalue) {
  (void)L;
  printf("  call lua_newuserdatauv(%zu, %d)\n", sz, nuvalue);
  return NULL;
}
int lua_getiuservalue(lua_State* L, int idx, int n) {
  (void)L;
  printf("  call lua_getiuservalue(%d, %d)\n", idx, n);
  return LUA_TNIL;
}
int lua_setiuservalue(lua_State* L, int idx, int n) {
  (void)L;
  printf("  call lua_setiuservalue(%d, %d)\n", idx, n);
  return 1;
}
lua_Unsigned lua_rawlen(lua_State* L, int idx) {
  (void)L;
  printf("  call lua_rawlen(%d)\n", idx);
  return 3;
}
int lua_compare(lua_State* L, int idx1, int idx2, int op) {
  (void)L;
  printf("  call lua_compare(%d, %d, %d)\n", idx1, idx2, op);
  return 1;
}
void lua_pushinteger(lua_State* L, lua_Integer n) {
  (void)L;
  printf("  call lua_pushinteger(%lld)\n", (long long)n);
}
void lua_pushnil(lua_State* L) {
  (void)L;
  printf("  call lua_pushnil()\n");
}
int lua_getfield(lua_State* L, int idx, const char* k) {
  (void)L;
  printf("  call lua_getfield(%d, \"%s\")\n", idx, k);
  return LUA_TTABLE;
}
void luaL_checkversion_(lua_State* L, lua_Number ver, size_t sz) {
  (void)L;
  printf("  call luaL_checkversion_(%.1f, %zu)\n", ver, sz);
}
void luaL_setfuncs(lua_State* L, const luaL_Reg* l, int nup) {
  (void)L;
  int n = 0;
  while (l[n].name) n++;
  printf("  call luaL_setfuncs(%d entries, %d)\n", n, nup);
}
int luaL_argerror(lua_State* L, int arg, const char* extramsg) {
  (void)L;
  printf("  call luaL_argerror(%d, \"%s\")\n", arg, extramsg);
  return 0;
}
int luaL_typeerror(lua_State* L, int arg, const char* tname) {
  (void)L;
  printf("  call luaL_typeerror(%d, \"%s\")\n", arg, tname);
  return 0;
}
const char* luaL_checklstring(lua_State* L, int arg, size_t* l) {
  (void)L;
  printf("  call luaL_checklstring(%d, %s)\n", arg, l ? "ptr" : "NULL");
  return "c";
}
const char* luaL_optlstring(lua_State* L, int arg, const char* def, size_t* l) {
  (void)L;
  printf("  call luaL_optlstring(%d, \"%s\", %s)\n", arg, show(def), l ? "ptr" : "NULL");
  return def;
}
lua_Integer luaL_checkinteger(lua_State* L, int arg) {
  (void)L;
  printf("  call luaL_checkinteger(%d)\n", arg);
  return 42;
}
lua_Integer luaL_optinteger(lua_State* L, int arg, lua_Integer def) {
  (void)L;
  printf("  call luaL_optinteger(%d, %lld)\n", arg, (long long)def);
  return def;
}
int luaL_loadfilex(lua_State* L, const char* filename, const char* mode) {
  (void)L;
  printf("  call luaL_loadfilex(\"%s\", %s)\n", show(filename), show(mode));
  return stub_status_result;
}
int luaL_loadstring(lua_State* L, const char* s) {
  (void)L;
  printf("  call luaL_loadstring(\"%s\")\n", s);
  return stub_status_result;
}
int luaL_loadbufferx(lua_State* L, const char* buff, size_t sz, const char* name, const char* mode) {
  (void)L;
  printf("  call luaL_loadbufferx(\"%.*s\", %zu, \"%s\", %s)\n", (int)sz, buff, sz, show(name), show(mode));
  return stub_status_result;
}
char* luaL_prepbuffsize(luaL_Buffer* B, size_t sz) {
  printf("  call luaL_prepbuffsize(%zu) with n=%zu size=%zu\n", sz, B->n, B->size);
  B->size = B->n + sz + 8;
  return B->b + B->n;
}

/* ---- the probe -------------------------------------------------------------------------------- */
static void constants(void) {
  STR(LUA_VERSION_MAJOR);
  STR(LUA_VERSION_MINOR);
  INT(LUA_VERSION_NUM);
  STR(LUA_VERSION);
  REL_STR(LUA_VERSION_RELEASE);
  REL_INT(LUA_VERSION_RELEASE_NUM);
  REL_STR(LUA_RELEASE);
  REL_STR(LUA_COPYRIGHT);
  REL_STR(LUA_AUTHORS);
  STR(LUA_SIGNATURE);
  INT(LUA_MULTRET);
  INT(LUA_REGISTRYINDEX);
  INT(lua_upvalueindex(1));
  INT(lua_upvalueindex(255));
  INT(LUA_OK);
  INT(LUA_YIELD);
  INT(LUA_ERRRUN);
  INT(LUA_ERRSYNTAX);
  INT(LUA_ERRMEM);
  INT(LUA_ERRERR);
  INT(LUA_ERRFILE);
  INT(LUA_TNONE);
  INT(LUA_TNIL);
  INT(LUA_TBOOLEAN);
  INT(LUA_TLIGHTUSERDATA);
  INT(LUA_TNUMBER);
  INT(LUA_TSTRING);
  INT(LUA_TTABLE);
  INT(LUA_TFUNCTION);
  INT(LUA_TUSERDATA);
  INT(LUA_TTHREAD);
  INT(LUA_NUMTYPES);
  INT(LUA_NUMTAGS);
  INT(LUA_MINSTACK);
  INT(LUA_RIDX_MAINTHREAD);
  INT(LUA_RIDX_GLOBALS);
  INT(LUA_RIDX_LAST);
  INT(LUA_OPADD);
  INT(LUA_OPSUB);
  INT(LUA_OPMUL);
  INT(LUA_OPMOD);
  INT(LUA_OPPOW);
  INT(LUA_OPDIV);
  INT(LUA_OPIDIV);
  INT(LUA_OPBAND);
  INT(LUA_OPBOR);
  INT(LUA_OPBXOR);
  INT(LUA_OPSHL);
  INT(LUA_OPSHR);
  INT(LUA_OPUNM);
  INT(LUA_OPBNOT);
  INT(LUA_OPEQ);
  INT(LUA_OPLT);
  INT(LUA_OPLE);
  INT(LUA_GCSTOP);
  INT(LUA_GCRESTART);
  INT(LUA_GCCOLLECT);
  INT(LUA_GCCOUNT);
  INT(LUA_GCCOUNTB);
  INT(LUA_GCSTEP);
  INT(LUA_GCSETPAUSE);
  INT(LUA_GCSETSTEPMUL);
  INT(LUA_GCISRUNNING);
  INT(LUA_GCGEN);
  INT(LUA_GCINC);
  INT(LUA_HOOKCALL);
  INT(LUA_HOOKRET);
  INT(LUA_HOOKLINE);
  INT(LUA_HOOKCOUNT);
  INT(LUA_HOOKTAILCALL);
  INT(LUA_MASKCALL);
  INT(LUA_MASKRET);
  INT(LUA_MASKLINE);
  INT(LUA_MASKCOUNT);
  /* lauxlib */
  STR(LUA_GNAME);
  STR(LUA_LOADED_TABLE);
  STR(LUA_PRELOAD_TABLE);
  INT(LUAL_NUMSIZES);
  INT(LUA_NOREF);
  INT(LUA_REFNIL);
  STR(LUA_FILEHANDLE);
  /* lualib */
  STR(LUA_VERSUFFIX);
  STR(LUA_COLIBNAME);
  STR(LUA_TABLIBNAME);
  STR(LUA_IOLIBNAME);
  STR(LUA_OSLIBNAME);
  STR(LUA_STRLIBNAME);
  STR(LUA_UTF8LIBNAME);
  STR(LUA_MATHLIBNAME);
  STR(LUA_DBLIBNAME);
  STR(LUA_LOADLIBNAME);
  /* luaconf */
  INT(LUAI_MAXSTACK);
  INT(LUA_EXTRASPACE);
  INT(LUA_IDSIZE);
  INT(LUAL_BUFFERSIZE);
  INT(LUAI_IS32INT);
  INT(LUA_INT_INT);
  INT(LUA_INT_LONG);
  INT(LUA_INT_LONGLONG);
  INT(LUA_FLOAT_FLOAT);
  INT(LUA_FLOAT_DOUBLE);
  INT(LUA_FLOAT_LONGDOUBLE);
  INT(LUA_INT_DEFAULT);
  INT(LUA_FLOAT_DEFAULT);
  INT(LUA_INT_TYPE);
  INT(LUA_FLOAT_TYPE);
  INT(LUA_32BITS);
  INT(LUA_C89_NUMBERS);
  STR(LUA_NUMBER_FRMLEN);
  STR(LUA_NUMBER_FMT);
  STR(LUA_INTEGER_FRMLEN);
  STR(LUA_INTEGER_FMT);
  INT(LUA_MAXINTEGER);
  INT(LUA_MININTEGER);
  printf("LUA_MAXUNSIGNED = %llu\n", (unsigned long long)LUA_MAXUNSIGNED);
  STR(LUA_PATH_SEP);
  STR(LUA_PATH_MARK);
  STR(LUA_EXEC_DIR);
  STR(LUA_DIRSEP);
  STR(LUA_VDIR);
  STR(LUA_ROOT);
  STR(LUA_ROOT2);
  STR(LUA_LDIR);
  STR(LUA_LDIR2);
  STR(LUA_CDIR);
  STR(LUA_CDIR2);
  STR(LUA_CDIR3);
  STR(LUA_PATH_DEFAULT);
  STR(LUA_CPATH_DEFAULT);
#if defined(LUA_IGMARK)
  REL_STR(LUA_IGMARK); /* moved from loadlib.c to luaconf.h in 5.4.5 */
#endif
#if defined(LUA_COMPAT_MATHLIB) && defined(LUA_COMPAT_APIINTCASTS) && defined(LUA_COMPAT_LT_LE)
  printf("compat 5.3 switches: all defined\n");
#endif
}

static void types(void) {
  TYPE(lua_Number);
  TYPE(lua_Integer);
  TYPE(lua_Unsigned);
  TYPE(lua_KContext);
  TYPE(LUAI_UACNUMBER);
  TYPE(LUAI_UACINT);
  TYPE(LUA_KCONTEXT);
  printf("sizeof(lua_CFunction) = %zu\n", sizeof(lua_CFunction));
  printf("sizeof(lua_KFunction) = %zu\n", sizeof(lua_KFunction));
  printf("sizeof(lua_Reader) = %zu\n", sizeof(lua_Reader));
  printf("sizeof(lua_Writer) = %zu\n", sizeof(lua_Writer));
  printf("sizeof(lua_Alloc) = %zu\n", sizeof(lua_Alloc));
  printf("sizeof(lua_WarnFunction) = %zu\n", sizeof(lua_WarnFunction));
  printf("sizeof(lua_Hook) = %zu\n", sizeof(lua_Hook));
}

static void layouts(void) {
  LAYOUT(lua_Debug);
  FIELD(lua_Debug, event);
  FIELD(lua_Debug, name);
  FIELD(lua_Debug, namewhat);
  FIELD(lua_Debug, what);
  FIELD(lua_Debug, source);
  FIELD(lua_Debug, srclen);
  FIELD(lua_Debug, currentline);
  FIELD(lua_Debug, linedefined);
  FIELD(lua_Debug, lastlinedefined);
  FIELD(lua_Debug, nups);
  FIELD(lua_Debug, nparams);
  FIELD(lua_Debug, isvararg);
  FIELD(lua_Debug, istailcall);
  FIELD(lua_Debug, ftransfer);
  FIELD(lua_Debug, ntransfer);
  FIELD(lua_Debug, short_src);
  FIELD(lua_Debug, i_ci);
  LAYOUT(luaL_Buffer);
  FIELD(luaL_Buffer, b);
  FIELD(luaL_Buffer, size);
  FIELD(luaL_Buffer, n);
  FIELD(luaL_Buffer, L);
  FIELD(luaL_Buffer, init);
  FIELD(luaL_Buffer, init.b);
  FIELD(luaL_Buffer, init.n);
  FIELD(luaL_Buffer, init.i);
  LAYOUT(luaL_Reg);
  FIELD(luaL_Reg, name);
  FIELD(luaL_Reg, func);
  LAYOUT(luaL_Stream);
  FIELD(luaL_Stream, f);
  FIELD(luaL_Stream, closef);
}

static const luaL_Reg probe_funcs[] = {{"a", probe_cfunction}, {"b", probe_cfunction}, {"c", NULL}, {NULL, NULL}};

static void calls(void) {
  lua_State* L = FAKE_L;
  int i;
#define SHOW(expr) (printf("%s:\n", #expr), (void)(expr))
  SHOW(lua_call(L, 2, 3));
  SHOW(lua_pcall(L, 1, LUA_MULTRET, -4));
  SHOW(lua_yield(L, 2));
  SHOW(lua_tonumber(L, 3));
  SHOW(lua_tointeger(L, -2));
  SHOW(lua_pop(L, 2));
  SHOW(lua_newtable(L));
  SHOW(lua_register(L, "name", probe_cfunction));
  SHOW(lua_pushcfunction(L, probe_cfunction));
  for (i = -1; i <= 8; i++) {
    stub_type_result = i;
    printf("with lua_type() == %d:\n", i);
    printf("  isfunction %d istable %d islightuserdata %d isnil %d isboolean %d isthread %d isnone %d isnoneornil %d\n",
           lua_isfunction(L, 1), lua_istable(L, 1), lua_islightuserdata(L, 1), lua_isnil(L, 1),
           lua_isboolean(L, 1), lua_isthread(L, 1), lua_isnone(L, 1), lua_isnoneornil(L, 1));
  }
  SHOW(lua_pushliteral(L, "lit"));
  SHOW(lua_pushglobaltable(L));
  SHOW(lua_tostring(L, 4));
  SHOW(lua_insert(L, 2));
  SHOW(lua_remove(L, 3));
  SHOW(lua_replace(L, -3));
  SHOW(lua_newuserdata(L, 24));
  SHOW(lua_getuservalue(L, 1));
  SHOW(lua_setuservalue(L, 1));
  printf("lua_getextraspace(L) = L - %td\n", (char*)L - (char*)lua_getextraspace(L));
  /* 5.3 compatibility macros */
  SHOW(lua_strlen(L, 1));
  SHOW(lua_objlen(L, 2));
  SHOW(lua_equal(L, 1, 2));
  SHOW(lua_lessthan(L, 1, 2));
  SHOW(lua_pushunsigned(L, 5u));
  SHOW(lua_tounsignedx(L, 1, NULL));
  SHOW(lua_tounsigned(L, 2));
  SHOW(luaL_checkunsigned(L, 1));
  SHOW(luaL_optunsigned(L, 2, 9));
  SHOW(luaL_checkint(L, 3));
  SHOW(luaL_optint(L, 4, 8));
  SHOW(luaL_checklong(L, 5));
  SHOW(luaL_optlong(L, 6, 7));
  /* lauxlib */
  SHOW(luaL_checkversion(L));
  SHOW(luaL_newlibtable(L, probe_funcs));
  SHOW(luaL_newlib(L, probe_funcs));
  SHOW(luaL_argcheck(L, 1, 2, "never"));
  SHOW(luaL_argcheck(L, 0, 2, "message"));
  SHOW(luaL_argexpected(L, 1, 3, "never"));
  SHOW(luaL_argexpected(L, 0, 3, "table"));
  SHOW(luaL_checkstring(L, 2));
  SHOW(luaL_optstring(L, 3, "def"));
  SHOW(luaL_typename(L, 1));
  stub_status_result = 0;
  SHOW(luaL_dofile(L, "f.lua"));
  SHOW(luaL_dostring(L, "return 1"));
  stub_status_result = LUA_ERRSYNTAX;
  printf("luaL_dofile on failing load = %d\n", luaL_dofile(L, "bad.lua"));
  printf("luaL_dostring on failing load = %d\n", luaL_dostring(L, "bad"));
  stub_status_result = 0;
  SHOW(luaL_getmetatable(L, "meta"));
  stub_type_result = LUA_TNIL;
  printf("luaL_opt on nil = %lld\n", (long long)luaL_opt(L, luaL_checkinteger, 2, 17));
  stub_type_result = LUA_TNUMBER;
  printf("luaL_opt on number = %lld\n", (long long)luaL_opt(L, luaL_checkinteger, 2, 17));
  SHOW(luaL_loadbuffer(L, "xyz", 3, "=chunk"));
  SHOW(luaL_loadfile(L, "g.lua"));
  SHOW(luaL_pushfail(L));
  printf("luaL_intop(+, LUA_MAXINTEGER, 1) = %lld\n", (long long)luaL_intop(+, LUA_MAXINTEGER, 1));
  printf("luaL_intop(*, -3, 5) = %lld\n", (long long)luaL_intop(*, -3, 5));
  {
    luaL_Buffer B;
    B.b = B.init.b;
    B.size = 4;
    B.n = 0;
    B.L = L;
    for (i = 0; i < 6; i++) luaL_addchar(&B, (char)('a' + i));
    printf("after 6 x luaL_addchar: n=%zu bufflen=%zu first=%c\n", B.n, luaL_bufflen(&B), *luaL_buffaddr(&B));
    luaL_addsize(&B, 3);
    printf("after luaL_addsize(3): n=%zu\n", B.n);
    luaL_buffsub(&B, 2);
    printf("after luaL_buffsub(2): n=%zu\n", B.n);
    SHOW(luaL_prepbuffer(&B));
  }
  printf("lua_writestring -> [");
  fflush(stdout);
  lua_writestring("ab", 2);
  printf("]\n");
}

static void number_macros(void) {
  char buf[64];
  lua_Integer i = 0;
  lua_number2str(buf, sizeof buf, 0.1);
  printf("lua_number2str(0.1) = %s\n", buf);
  lua_number2str(buf, sizeof buf, 1e100);
  printf("lua_number2str(1e100) = %s\n", buf);
  lua_integer2str(buf, sizeof buf, LUA_MININTEGER);
  printf("lua_integer2str(LUA_MININTEGER) = %s\n", buf);
  lua_number2strx(FAKE_L, buf, sizeof buf, "%a", 1.0);
  printf("lua_number2strx(%%a, 1.0) = %s\n", buf);
  lua_pointer2str(buf, sizeof buf, (void*)0x1234);
  printf("lua_pointer2str(0x1234) = %s\n", buf);
  printf("lua_str2number(\"2.5e1\") = %.14g\n", (double)lua_str2number("2.5e1", NULL));
  printf("lua_strx2number(\"0x10\") = %.14g\n", (double)lua_strx2number("0x10", NULL));
  printf("l_mathop(floor)(-2.5) = %.14g\n", (double)l_mathop(floor)(-2.5));
  printf("l_floor(2.5) = %.14g\n", (double)l_floor(2.5));
  printf("l_floatatt(MANT_DIG) = %d\n", (int)l_floatatt(MANT_DIG));
  printf("lua_numbertointeger(3.0) = %d", lua_numbertointeger(3.0, &i));
  printf(" -> %lld\n", (long long)i);
  printf("lua_numbertointeger(2^63) = %d\n", lua_numbertointeger(9223372036854775808.0, &i));
  printf("lua_numbertointeger(-2^63) = %d", lua_numbertointeger(-9223372036854775808.0, &i));
  printf(" -> %lld\n", (long long)i);
  setlocale(LC_NUMERIC, "C");
  printf("lua_getlocaledecpoint() = %c\n", lua_getlocaledecpoint());
  printf("luai_likely(5) = %d, luai_unlikely(0) = %d\n", (int)luai_likely(5), (int)luai_unlikely(0));
}

int main(void) {
  constants();
  types();
  layouts();
  calls();
  number_macros();
  return 0;
}
