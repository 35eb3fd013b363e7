// Engine-internal spellings of the lua.h constants the VM needs (status codes, result counts, hook
// events, registry slots). The values are fixed by the Lua 5.4 ABI; capi/ static-asserts that they
// equal the public macros, so engine code does not need to include the public headers.
#pragma once

namespace luna {

namespace status {
inline constexpr int ok = 0;        // LUA_OK
inline constexpr int yield = 1;     // LUA_YIELD
inline constexpr int errrun = 2;    // LUA_ERRRUN
inline constexpr int errsyntax = 3; // LUA_ERRSYNTAX
inline constexpr int errmem = 4;    // LUA_ERRMEM
inline constexpr int errerr = 5;    // LUA_ERRERR
inline constexpr int close_keep_top = -1;  // internal: close tbc variables keeping results above them
constexpr bool is_error(int s) { return s > yield; }
}  // namespace status

inline constexpr int multret = -1;      // LUA_MULTRET
inline constexpr int min_stack = 20;    // LUA_MINSTACK
inline constexpr int ridx_mainthread = 1;  // LUA_RIDX_MAINTHREAD
inline constexpr int ridx_globals = 2;     // LUA_RIDX_GLOBALS

namespace hook {
inline constexpr int call = 0, ret = 1, line = 2, count = 3, tailcall = 4;  // LUA_HOOK*
inline constexpr int mask_call = 1 << call, mask_ret = 1 << ret, mask_line = 1 << line,
                     mask_count = 1 << count;
}  // namespace hook

}  // namespace luna
