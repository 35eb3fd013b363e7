"""The pure-Python half of the binding: Runtime options, table helpers, generator and async glue.

The compiled module (luna._luna) does the work that must be fast or must touch the Lua state;
this module only parses options, converts nested Python data and adapts Lua objects to Python's
protocols (MutableMapping, MutableSequence, Generator, awaitables).
"""

from __future__ import annotations

import asyncio
import collections.abc as abc
from typing import Any, Callable, Iterable, Optional, Union

from . import _luna
from ._luna import Coroutine, Function, Table

#: Library names accepted by ``Runtime(libraries=[...])``.
LIBRARY_NAMES = tuple(name for name in _luna.LIBRARY_BITS if name != "binary_chunks")
#: The library preset for untrusted code (see docs/python.md, "Sandbox").
SANDBOX_LIBRARIES = ("base", "coroutine", "table", "os_time", "string", "math", "utf8")

_PRESETS = {"full": _luna.LIBS_FULL & ~_luna.LIBRARY_BITS["binary_chunks"],
            "sandbox": _luna.LIBS_SANDBOX, "none": 0}


def _library_mask(libraries: Union[str, Iterable[str]]) -> int:
    if isinstance(libraries, str):
        if libraries not in _PRESETS:
            raise ValueError(f"unknown library preset {libraries!r} (use 'full', 'sandbox', 'none' or a list)")
        return _PRESETS[libraries]
    mask = 0
    for name in libraries:
        if name not in LIBRARY_NAMES:
            raise ValueError(f"unknown Lua library {name!r}; known: {', '.join(LIBRARY_NAMES)}")
        mask |= _luna.LIBRARY_BITS[name]
    return mask


def as_attributes(obj: Any) -> Any:
    """Passes obj to Lua so that ``o.x`` / ``o[x]`` read attributes (never items)."""
    return _luna._AccessWrapper(obj, 1)


def as_items(obj: Any) -> Any:
    """Passes obj to Lua so that ``o.x`` / ``o[x]`` read items (``obj[x]``), never attributes."""
    return _luna._AccessWrapper(obj, 2)


class Runtime(_luna._Runtime):
    """One Lua universe. Options (all keyword-only):

    libraries: "full" (default), "sandbox", "none", or a list of library names (LIBRARY_NAMES).
    memory_limit: bytes for the whole state (None = unlimited); reaching it raises LuaMemoryError.
    instruction_limit: VM instructions per call from Python (None = unlimited).
    timeout: seconds of wall-clock time per call from Python (None = unlimited).
    strings: "auto" (str if valid UTF-8, else bytes), "str" (always decode, may raise), "bytes".
    python_access: may Lua index/call/len() the Python objects it is given? Default: True for
        "full", False otherwise (objects still cross as opaque handles).
    attribute_filter: f(obj, key, is_setting) -> bool deciding each attribute/item access
        (implies python_access=True). Default filter: public attributes only; items allowed.
    binary_chunks: allow precompiled chunks (compile(..., mode="b"), Lua's load).
    limits: True installs the engine's limit hook, so instruction_limit/timeout can be set at any
        time and cancel() stops a running call; False gives a faster VM (no hook; cancel() then
        only stops the next call). Default (None): True, except for a "full" runtime created
        without instruction_limit/timeout, which gets the fast VM.
    unpack_returned_tuples: a tuple returned by a Python callback is several Lua results.
    python_module: install the Lua global ``python`` (await, iter, none).
    """

    def __init__(self, *, libraries: Union[str, Iterable[str]] = "full", memory_limit: Optional[int] = None,
                 instruction_limit: Optional[int] = None, timeout: Optional[float] = None,
                 strings: str = "auto", python_access: Optional[bool] = None,
                 attribute_filter: Optional[Callable[[Any, Any, bool], bool]] = None,
                 binary_chunks: bool = False, limits: Optional[bool] = None, unpack_returned_tuples: bool = True,
                 python_module: bool = True) -> None:
        mask = _library_mask(libraries)
        if binary_chunks:
            mask |= _luna.LIBRARY_BITS["binary_chunks"]
        if python_access is None:
            python_access = attribute_filter is not None or libraries == "full"
        if limits is None:
            limits = libraries != "full" or bool(instruction_limit or timeout)
        self.limits = bool(limits)
        if not limits and (instruction_limit or timeout):
            raise ValueError("instruction_limit and timeout need limits=True")
        if memory_limit is not None and memory_limit < 0:
            raise ValueError("memory_limit must be >= 0")
        options = 0 if limits else _luna.OPTION_NO_LIMITS
        super().__init__(mask, memory_limit or 0, options, strings, bool(python_access), attribute_filter,
                         unpack_returned_tuples)
        self._memory_limit = memory_limit
        self._instruction_limit = None
        self._timeout = None
        if instruction_limit:
            self.instruction_limit = instruction_limit
        if timeout:
            self.timeout = timeout
        if python_module:
            self._install_python_module()

    def _install_python_module(self) -> None:
        module = self.table()
        awaiter = self._await_function
        if awaiter is not None:
            module["await"] = awaiter
        if self.python_access:
            def lua_iter(obj: Any) -> Callable[[], Any]:
                iterator = iter(obj)
                return lambda *_: next(iterator, None)
            module["iter"] = lua_iter
        self.globals()["python"] = module

    # ---- limits --------------------------------------------------------------------------------
    @property
    def memory_limit(self) -> Optional[int]:
        return self._memory_limit

    @memory_limit.setter
    def memory_limit(self, value: Optional[int]) -> None:
        self._set_memory_limit(value or 0)
        self._memory_limit = value

    @property
    def instruction_limit(self) -> Optional[int]:
        return self._instruction_limit

    @instruction_limit.setter
    def instruction_limit(self, value: Optional[int]) -> None:
        self._set_instruction_limit(value or 0)
        self._instruction_limit = value

    @property
    def timeout(self) -> Optional[float]:
        return self._timeout

    @timeout.setter
    def timeout(self, seconds: Optional[float]) -> None:
        self._set_timeout(int(seconds * 1e6) if seconds else 0)
        self._timeout = seconds

    # ---- tables --------------------------------------------------------------------------------
    def table(self, *items: Any, **fields: Any) -> Table:
        """A new table: items at 1..n, fields as string keys."""
        t = self._new_table(len(items), len(fields))
        if items:
            t._fill_sequence(items)
        if fields:
            t._fill_mapping(fields)
        return t

    def table_from(self, *sources: Any, recursive: bool = False) -> Table:
        """A new table from mappings (key/value pairs) and iterables (appended at #t+1...).
        recursive=True converts nested dicts, lists, tuples and sets too; shared and cyclic
        structures stay shared/cyclic in Lua."""
        memo: dict = {}
        t = self._new_table()
        for source in sources:
            if recursive:
                memo[id(source)] = (t, source)  # a source that contains itself maps to t
            self._fill(t, source, recursive, memo)
        return t

    def _fill(self, t: Table, source: Any, recursive: bool, memo: dict) -> None:
        if isinstance(source, Table):
            source = dict(source.items())
        if isinstance(source, abc.Mapping):
            if recursive:
                source = {self._nested(k, memo): self._nested(v, memo) for k, v in source.items()}
            t._fill_mapping(source)
        else:
            items = list(source)
            if recursive:
                items = [self._nested(v, memo) for v in items]
            t._fill_sequence(items, t._rawlen() + 1)

    def _nested(self, value: Any, memo: dict) -> Any:
        if isinstance(value, (abc.Mapping, list, tuple, set, frozenset)) and not isinstance(value, Table):
            key = id(value)
            if key in memo:
                return memo[key][0]
            t = self._new_table()
            memo[key] = (t, value)  # value kept alive so its id stays unique
            self._fill(t, value, True, memo)
            return t
        return value

    # ---- modules, async --------------------------------------------------------------------------
    def require(self, name: str) -> Any:
        """Lua's require(name) (needs the package library); returns the module (Lua 5.4's second
        result, the loader data, is dropped)."""
        result = self.globals()["require"](name)
        return result[0] if isinstance(result, tuple) else result

    async def call_async(self, function: Any, *args: Any) -> Any:
        """Runs a Lua function as a coroutine on the running event loop: each ``python.await(x)``
        in Lua awaits x (an awaitable) and resumes Lua with its result (or raises its exception at
        that point); a plain coroutine.yield gives other tasks a turn. Returns the function's result."""
        if not isinstance(function, (Function, Coroutine)):
            raise TypeError("call_async needs a Lua function")
        co = function if isinstance(function, Coroutine) else self._new_coroutine(function, args)
        return await _drive(co)

    async def execute_async(self, chunk: Union[str, bytes], *args: Any, name: Optional[str] = None) -> Any:
        return await self.call_async(self.compile(chunk, name=name), *args)

    def __enter__(self) -> "Runtime":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


async def _drive(co: Coroutine) -> Any:
    kind, payload = co._resume((), None)
    while True:
        if kind == 1:
            return payload
        if kind == 2:
            try:
                result = await payload
            except BaseException as exc:  # noqa: B902 - CancelledError too: Lua may clean up
                kind, payload = co._resume((), exc)
                continue
            kind, payload = co._resume((result,), None)
        else:
            await asyncio.sleep(0)
            kind, payload = co._resume((), None)


# ---- Table as a MutableMapping (plus a sequence view) ---------------------------------------------

class _KeysView(abc.KeysView):
    def __iter__(self):
        return self._mapping._iter(0)


class _ValuesView(abc.ValuesView):
    def __iter__(self):
        return self._mapping._iter(1)


class _ItemsView(abc.ItemsView):
    def __iter__(self):
        return self._mapping._iter(2)


class LuaSequence(abc.MutableSequence):
    """A 0-based list view of a table's 1-based array part (length = Lua's raw #t)."""

    __slots__ = ("table",)

    def __init__(self, table: Table) -> None:
        self.table = table

    def __len__(self) -> int:
        return self.table._rawlen()

    def _index(self, i: int, n: int, extra: int = 0) -> int:
        if i < 0:
            i += n
        if not 0 <= i < n + extra:
            raise IndexError("sequence index out of range")
        return i

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        n = len(self)
        return self.table[self._index(i, n) + 1]

    def __setitem__(self, i, value) -> None:
        n = len(self)
        self.table[self._index(i, n) + 1] = value

    def __delitem__(self, i) -> None:
        n = len(self)
        j = self._index(i, n) + 1
        t = self.table
        for k in range(j, n):
            t[k] = t[k + 1]
        t[n] = None

    def insert(self, i: int, value: Any) -> None:
        n = len(self)
        i = max(0, min(n, i + n if i < 0 else i))
        t = self.table
        for k in range(n, i, -1):
            t[k + 1] = t[k]
        t[i + 1] = value

    def __repr__(self) -> str:
        return f"LuaSequence({list(self)!r})"


def _table_sequence(self: Table) -> LuaSequence:
    """A MutableSequence view of t[1..#t] with 0-based indices."""
    return LuaSequence(self)


Table.keys = lambda self: _KeysView(self)
Table.values = lambda self: _ValuesView(self)
Table.items = lambda self: _ItemsView(self)
for _name in ("pop", "popitem", "setdefault", "update", "clear"):
    setattr(Table, _name, getattr(abc.MutableMapping, _name))
Table.sequence = _table_sequence
Table.to_dict = lambda self: dict(self._iter(2))
Table.to_list = lambda self: self._to_list()
abc.MutableMapping.register(Table)


# ---- Coroutine as a Generator ---------------------------------------------------------------------

def _send(self: Coroutine, value: Any) -> Any:
    if self.finished:
        raise StopIteration
    if not self.started and value is not None:
        raise TypeError("can't send non-None value to a just-started generator")
    kind, payload = self._resume(() if value is None else (value,), None)
    if kind == 1:
        raise StopIteration(payload)
    return payload


def _throw(self: Coroutine, typ: Any, val: Any = None, tb: Any = None) -> Any:
    if isinstance(typ, BaseException):
        exc = typ
    else:
        exc = typ() if val is None else (val if isinstance(val, BaseException) else typ(val))
    if tb is not None:
        exc = exc.with_traceback(tb)
    if self.finished or not self.started:
        self.close()
        raise exc
    kind, payload = self._resume((), exc)
    if kind == 1:
        raise StopIteration(payload)
    return payload


def _close(self: Coroutine) -> None:
    if not self.finished and self.status == "suspended":
        self._close()


Coroutine.send = _send
Coroutine.throw = _throw
Coroutine.close = _close
Coroutine.__next__ = lambda self: self.send(None)
Coroutine.__iter__ = lambda self: self
abc.Generator.register(Coroutine)
