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
