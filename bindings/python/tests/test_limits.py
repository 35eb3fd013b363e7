"""Memory limit, instruction budget, timeout and cancel()."""

import threading
import time

import pytest

import luna


def test_memory_limit_raises_lua_memory_error_and_runtime_survives():
    with luna.Runtime(memory_limit=4 << 20) as lua:
        with pytest.raises(luna.LuaMemoryError) as info:
            lua.execute("local t = {} for i = 1, 1e8 do t[i] = ('x'):rep(64) .. i end")
        assert isinstance(info.value, MemoryError) and isinstance(info.value, luna.LuaError)
        lua.execute("collectgarbage()")
        assert lua.eval("1 + 1") == 2
        assert lua.memory_used <= 4 << 20
        assert lua.memory_limit == 4 << 20


def test_memory_limit_can_change():
    with luna.Runtime(limits=False) as lua:  # the memory limit works without the hook too
        lua.memory_limit = lua.memory_used + (1 << 20)
        with pytest.raises(luna.LuaMemoryError):
            lua.execute("local s = ('x'):rep(4 << 20)")
        lua.memory_limit = None
        assert lua.execute("local s = ('x'):rep(4 << 20) return #s") == 4 << 20


def test_instruction_limit_is_not_catchable():
    with luna.Runtime(instruction_limit=100_000) as lua:
        with pytest.raises(luna.LuaInstructionLimitError):
            lua.execute("while true do pcall(function() while true do end end) end")
        assert lua.eval("1") == 1  # per call: a fresh budget


def test_timeout():
    with luna.Runtime(timeout=0.05) as lua:
        start = time.monotonic()
        with pytest.raises(luna.LuaTimeoutError) as info:
            lua.execute("while true do end")
        assert time.monotonic() - start < 2
        assert isinstance(info.value, TimeoutError)


def test_cancel_from_another_thread():
    with luna.Runtime(limits=True) as lua:
        timer = threading.Timer(0.05, lua.cancel)
        timer.start()
        with pytest.raises(luna.LuaCancelledError):
            lua.execute("while true do end")
        timer.join()
        assert lua.eval("2") == 2


def test_default_limits():
    assert luna.Runtime().limits is False  # full runtime without limits asked: fast VM
    assert luna.Runtime(timeout=1).limits is True
    assert luna.Runtime(libraries="sandbox").limits is True


def test_cancel_without_limit_hook_stops_the_next_call():
    with luna.Runtime(limits=False) as lua:
        lua.cancel()
        with pytest.raises(luna.LuaCancelledError):
            lua.eval("1")
        assert lua.eval("2") == 2


def test_limits_false_refuses_timeouts():
    with pytest.raises(ValueError):
        luna.Runtime(limits=False, timeout=1)
    with luna.Runtime(limits=False) as lua:
        assert lua.eval("6 * 7") == 42


def test_budget_covers_coroutines():
    with luna.Runtime(instruction_limit=50_000) as lua:
        with pytest.raises(luna.LuaInstructionLimitError):
            lua.execute("local co = coroutine.wrap(function() while true do end end) co()")
