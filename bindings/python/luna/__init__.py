"""Luna, a Lua 5.4 engine, embedded in Python.

    import luna
    with luna.Runtime(libraries="sandbox", memory_limit=16 << 20, timeout=1.0) as lua:
        print(lua.eval("1 + 2"))

See docs/python.md for the full description.
"""

from ._luna import (
    LUA_MAXINTEGER,
    LUA_MININTEGER,
    Coroutine,
    Function,
    LuaCancelledError,
    LuaError,
    LuaFrame,
    LuaInstructionLimitError,
    LuaMemoryError,
    LuaObject,
    LuaSyntaxError,
    LuaTimeoutError,
    Table,
    Userdata,
    lua_type,
)
from ._runtime import LIBRARY_NAMES, SANDBOX_LIBRARIES, LuaSequence, Runtime, as_attributes, as_items

__version__ = "0.1.0"

__all__ = [
    "LIBRARY_NAMES", "LUA_MAXINTEGER", "LUA_MININTEGER", "SANDBOX_LIBRARIES", "Coroutine", "Function",
    "LuaCancelledError", "LuaError", "LuaFrame", "LuaInstructionLimitError", "LuaMemoryError", "LuaObject",
    "LuaSequence", "LuaSyntaxError", "LuaTimeoutError", "Runtime", "Table", "Userdata", "as_attributes",
    "as_items", "lua_type",
]
