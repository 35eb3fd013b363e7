"""The installed package: typing files, exported Lua API, module layout."""

import ctypes
import pathlib

import luna
from luna import _luna


def test_typing_files_are_installed():
    package = pathlib.Path(luna.__file__).parent
    assert (package / "py.typed").is_file()
    assert (package / "__init__.pyi").is_file() and (package / "_luna.pyi").is_file()


def test_extension_exports_the_lua_api():
    library = ctypes.CDLL(_luna.__file__)
    for symbol in ("lua_newstate", "luaL_checkinteger", "luaopen_base", "luna_state_new"):
        assert hasattr(library, symbol), symbol


def test_version_information():
    assert luna.__version__ == "0.1.0"
    assert _luna.ABI_VERSION >> 16 == 1


def test_another_lua_in_the_process_does_not_interpose(tmp_path):
    """Debian's liblua5.4 loaded RTLD_GLOBAL before luna: luna's own lua_* calls must still bind to
    luna's engine (the module is linked -Bsymbolic). (C modules would then bind to whichever Lua
    API came first in the global scope: a documented limitation, as with lupa.)"""
    import os
    import subprocess
    import sys

    liblua = "/usr/lib/x86_64-linux-gnu/liblua5.4.so.0"
    if not os.path.exists(liblua):
        import pytest
        pytest.skip("Debian's liblua5.4 is not installed")
    script = (
        "import ctypes, sys\n"
        f"ctypes.CDLL({liblua!r}, mode=ctypes.RTLD_GLOBAL)\n"
        "import luna\n"
        "rt = luna.Runtime()\n"
        "assert rt.eval('_VERSION') == 'Lua 5.4'\n"
        "rt.globals()['f'] = lambda x: x * 2\n"
        "assert rt.eval('f(21)') == 42 and rt.eval('(\\'a\\'):rep(3)') == 'aaa'\n"
        "print('ok')\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr
