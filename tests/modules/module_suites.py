"""What run_module_tests.py knows about each module: its packages, how to build it from its source
package, and its upstream test scripts (cases).

A case: script (relative to its cwd, or @TESTS@/<file> for a script of this directory), cwd
(inside the unpacked source tree), args (@CPATH_DIR@ = the directory of the module's .so),
done (regex the script prints when it completed), fail (regex it prints on a failed check),
count_pattern (regex of stdout lines that each are one check, or whose group
captures a number of checks; default: suite_runner.lua's count
of assert calls, plus calls of functions matching count_calls), deterministic (False when the
count depends on timing, so luna's and lua5.4's counts are not compared), prepare (commands run
in the fresh copy of the source tree first; `cleanup` ones, of a specl case, before and after
each interpreter's run). `excluded` maps a case label to the reason it is not
run: only for cases that fail under lua5.4 too. A case of kind "specl" (luaposix) runs the specs
of spec_dir with spec_runner.lua and helper; its `excluded` is a list of (regex on an example's
path, reason), again only applied to examples that fail under lua5.4, and `not_run` lists
(example path, reason) of examples not run at all.
"""

DEBIAN_CPATH = "/usr/lib/x86_64-linux-gnu/lua/5.4/?.so"
DEBIAN_LPATH = "/usr/share/lua/5.4/?.lua"

# luaposix: one shared object per C file (its lukefile's modules), with the feature macros its
# configure step finds on Debian 12 (glibc has every optional function it probes for).
POSIX_FLAGS = ["-Iext/include", '-DPACKAGE="luaposix"', '-DVERSION="36.3"', "-DNDEBUG",
               "-D_POSIX_C_SOURCE=200809L", "-D_XOPEN_SOURCE=700", "-D_DEFAULT_SOURCE",
               "-D_BSD_SOURCE", "-DHAVE_POSIX_FADVISE", "-DHAVE_SCHED_H", "-DHAVE_SCHED_GETSCHEDULER",
               "-DHAVE_SCHED_SETSCHEDULER", "-DHAVE_SYS_MSG_H", "-DHAVE_MSGRCV", "-DHAVE_MSGSND",
               "-DHAVE_NET_IF_H", "-DHAVE_LINUX_NETLINK_H", "-DHAVE_LINUX_IF_PACKET_H",
               "-DHAVE_STATVFS", "-DHAVE_TERMIOS_H", "-DHAVE_WS_XPIXEL", "-DHAVE_WS_YPIXEL",
               "-DHAVE_TM_GMTOFF", "-DHAVE_TM_ZONE", "-DHAVE_CRYPT", "-DHAVE_CRYPT_H",
               "-DHAVE_DECL_FDATASYNC", "-DHAVE_FDATASYNC", "-DHAVE_GETHOSTID"]
POSIX_C_MODULES = ["ctype", "dirent", "errno", "fcntl", "fnmatch", "glob", "grp", "libgen", "poll",
                   "pwd", "sched", "signal", "stdio", "stdlib", "syslog", "termio", "time", "unistd",
                   "utime", "sys/msg", "sys/resource", "sys/socket", "sys/stat", "sys/statvfs",
                   "sys/time", "sys/times", "sys/utsname", "sys/wait"]
POSIX_LIBS = {"unistd": ["-lcrypt"], "time": ["-lrt"]}
POSIX_LUA_MODULES = ["init", "_base", "_bitwise", "_strict", "compat", "deprecated", "sys", "util"]

SUITES = {
    "lpeg": {
        "package": "lua-lpeg",
        "binary_package": "lua-lpeg",
        "prebuilt_files": ["/usr/lib/x86_64-linux-gnu/lua/5.4/lpeg.so", "/usr/share/lua/5.4/re.lua"],
        "build": {"lpeg.so": {"sources": ["lpcap.c", "lpcode.c", "lpprint.c", "lptree.c", "lpvm.c"]}},
        "lua_files": {"re.lua": "re.lua"},
        "cases": [{"script": "test.lua", "done": r"^OK$"}],
    },
    "cjson": {
        "package": "lua-cjson",
        "binary_package": "lua-cjson",
        "prebuilt_files": ["/usr/lib/x86_64-linux-gnu/lua/5.4/cjson.so"],
        "build": {"cjson.so": {"sources": ["lua_cjson.c", "strbuf.c", "fpconv.c"]}},
        # cjson.util (the test framework) lives in the source tree's lua/ directory.
        "extra_path": ["../lua/?.lua"],
        "cases": [{
            "script": "test.lua", "cwd": "tests",
            # utf8.dat, the every-code-point input, is generated as upstream's runtests.sh does.
            "prepare": [["sh", "-c", "cd tests && perl genutf8.pl 2>/dev/null"]],
            "done": r"^==> Summary: all tests succeeded$", "fail": r": FAIL$",
            "count_pattern": r"^==> Test \[\d+\] .*: PASS$",
        }],
    },
    "lfs": {
        "package": "lua-filesystem",
        "binary_package": "lua-filesystem",
        "prebuilt_files": ["/usr/lib/x86_64-linux-gnu/lua/5.4/lfs.so"],
        "build": {"lfs.so": {"sources": ["src/lfs.c"]}},
        "cases": [{"script": "test.lua", "cwd": "tests", "done": r"^\.*Ok!$"}],
    },
    "socket": {
        "package": "luasocket",
        "binary_package": "lua-socket",
        "prebuilt_files": ["/usr/lib/x86_64-linux-gnu/lua/5.4/socket/core.so",
                           "/usr/lib/x86_64-linux-gnu/lua/5.4/mime/core.so",
                           "/usr/share/lua/5.4/socket.lua", "/usr/share/lua/5.4/ltn12.lua"],
        "build": {
            "socket/core.so": {"sources": [f"src/{name}.c" for name in (
                "luasocket", "timeout", "buffer", "io", "auxiliar", "compat", "options", "inet",
                "except", "select", "tcp", "udp", "usocket")]},
            "mime/core.so": {"sources": ["src/mime.c", "src/compat.c"]},
        },
        "lua_files": {"socket.lua": "src/socket.lua", "ltn12.lua": "src/ltn12.lua",
                      "mime.lua": "src/mime.lua", "socket/url.lua": "src/url.lua",
                      "socket/http.lua": "src/http.lua", "socket/tp.lua": "src/tp.lua",
                      "socket/headers.lua": "src/headers.lua"},
        # Only the offline parts: the other upstream scripts need servers on the network.
        "cases": [
            # urltest.lua checks through local check_* helpers and os.exit()s (status 0) on failure.
            {"script": "urltest.lua", "cwd": "test", "count_calls": "^check_",
             "done": r"^the library passed all tests$"},
            {"script": "mimetest.lua", "cwd": "test", "done": r"^done in ", "fail": r"failed",
             "count_pattern": r": ok$"},
            {"script": "ltn12test.lua", "cwd": "test",
             "done": r"^testing filter\.chain \(and source\.chain, a bunch\): ok$",
             "count_pattern": r": ok$"},
            # Written for Luna's tests (not upstream): the loopback TCP echo of the issue.
            {"label": "socket_echo.lua (loopback TCP echo)", "script": "@TESTS@/socket_echo.lua",
             "done": r"^echo: \d+ round trips ok$", "count_pattern": r"^echo: (\d+) round trips ok$",
             "deterministic": False},
        ],
    },
    "zlib": {
        "package": "lua-zlib",
        "binary_package": "lua-zlib",
        "prebuilt_files": ["/usr/lib/x86_64-linux-gnu/lua/5.4/zlib.so"],
        "build": {"zlib.so": {"sources": ["lua_zlib.c"], "libs": ["-lz"]}},
        # test.lua takes the directory of its data and of zlib.so as arguments; tap.lua prints
        # "ok <n>" / "not ok <n>" per check.
        "cases": [{"script": "test.lua", "args": ["./", "@CPATH_DIR@"], "done": r"^ok \d+ - Tom MacWright Test$",
                   "fail": r"^not ok", "count_pattern": r"^ok \d+"}],
    },
    "posix": {
        "package": "lua-posix",
        "binary_package": None,  # Debian's lua-posix has builds for Lua 5.1-5.3 only
        "build": {f"posix/{name}.so": {"sources": [f"ext/posix/{name}.c"], "flags": POSIX_FLAGS,
                                       "libs": POSIX_LIBS.get(name, [])}
                  for name in POSIX_C_MODULES},
        "lua_files": {f"posix/{name}.lua": f"lib/posix/{name}.lua" for name in POSIX_LUA_MODULES},
        # lib/posix/version.lua.in with its two substitutions, as luke does.
        "generated_lua_files": {"posix/version.lua": (
            "lib/posix/version.lua.in", {"@package@": "luaposix", "@version@": "36.3"})},
        "cases": [{
            "kind": "specl", "label": "spec/*.yaml (specl specs)", "script": "spec",
            "spec_dir": "spec", "helper": "spec/spec_helper.lua",
            # posix_sys_msg_spec.yaml works on the System V message queue with key 100, and its
            # last `before` creates it again: removed before and after each run (status ignored).
            "cleanup": [["sh", "-c", "ipcrm -Q 100 2>/dev/null; true"]],
            # (example path or path prefix, reason): not run at all, under either interpreter.
            "not_run": [
                ("posix_deprecated_spec / specify posix.deprecated / describe connect / it returns true on success",
                 "resolves and connects to www.lua.org: the tests use no network"),
            ],
            # The same, in sanitizer builds only. ASan intercepts crypt() and looks up the real
            # one when the process starts, before posix/unistd.so brings libcrypt in, so the call
            # jumps to address 0 (a sanitizer limitation, not luna's).
            "not_run_sanitized": [
                (f"posix_spec / specify posix / specify user management / describe crypt / {example}",
                 "calls crypt(), which ASan cannot intercept in a libcrypt loaded by dlopen")
                for example in ("it can perform repeatable one-way hashing",
                                "it encrypts differently for a different salt")
            ] + [
                # luaposix 36.3's msgsnd passes sizeof(long) + the text length as the size of
                # the text, so the kernel copy reads 8 bytes past its buffer (ASan reports it);
                # msgrcv and msgctl examples then check the queue state msgsnd left.
                (f"posix_sys_msg_spec / specify posix.sys.msg / describe {function}",
                 "luaposix's msgsnd reads 8 bytes past its message buffer (an upstream bug); "
                 "the msgrcv and msgctl examples depend on it")
                for function in ("msgsnd", "msgrcv", "msgctl")
            ],
            # (pattern on the example's path, reason): examples that fail under lua5.4 as well.
            "excluded": [
                (r"^posix_(deprecated|compat)_spec / .* / it diagnoses ",
                 "the argument checks of the Lua-written posix.deprecated/posix.compat functions "
                 "are lua-stdlib's std._debug argcheck mode, and lua-stdlib is not installed"),
                (r"^posix_glob_spec / .* / it ignores non-readable directories$|"
                 r"^posix_spec / .* / describe chdir / it diagnoses insufficient permissions$",
                 "permission bits do not stop root, and the tests run as root"),
                (r"^posix_sys_msg_spec / .* / context with IPC_RMID / it diagnoses a bad queue$",
                 "expects the queue a previous example removed to be gone, but the `before` of "
                 "each example gets or creates it again (key 100)"),
            ],
        }],
    },
}
