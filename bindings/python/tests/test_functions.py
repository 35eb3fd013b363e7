"""Calls both ways, results, and exceptions crossing in both directions."""

import pytest

import luna


def test_lua_function_is_callable_with_tuple_results(lua):
    f = lua.eval("function(a, b) return a + b, a - b end")
    assert callable(f)
    assert f(5, 3) == (8, 2)
    assert lua.eval("function() end")() is None
    assert lua.eval("function(...) return ... end")("x") == "x"
    with pytest.raises(TypeError):
        f(1, b=2)


def test_python_callable_from_lua(lua):
    calls = []

    def record(*args):
        calls.append(args)
        return len(args)

    lua.globals()["record"] = record
    assert lua.eval("record(1, 'two', nil, 3.0)") == 4
    assert calls == [(1, "two", None, 3.0)]


def test_python_tuple_return_is_multiple_results(lua):
    lua.globals()["pair"] = lambda: (1, 2)
    assert lua.eval("select('#', pair())") == 2
    with luna.Runtime(unpack_returned_tuples=False) as other:
        other.globals()["pair"] = lambda: (1, 2)
        assert other.eval("select('#', pair())") == 1


def test_python_exception_propagates_through_lua_as_the_same_object(lua):
    raised = ValueError("original")

    def fail():
        raise raised

    lua.globals()["fail"] = fail
    f = lua.compile("local function inner() fail() end\ninner()", name="@calls.lua")
    with pytest.raises(ValueError) as info:
        f()
    assert info.value is raised
    # the Python traceback reaches into the callback, the Lua one is attached
    assert info.value.__traceback__ is not None
    assert any(frame.source == "calls.lua" for frame in info.value.lua_traceback)
    assert "calls.lua:1" in "\n".join(info.value.__notes__)


def test_lua_pcall_catches_python_exception(lua):
    def fail():
        raise KeyError("k")

    lua.globals()["fail"] = fail
    ok, err = lua.eval("pcall(fail)")
    assert ok is False
    assert isinstance(err, KeyError)  # the error value is the exception object itself
    assert lua.eval("select(2, pcall(fail)) ~= nil")
    assert "KeyError" in lua.eval("tostring(select(2, pcall(fail)))")


def test_lua_error_inside_callback_comes_back(lua):
    inner = lua.eval("function() error({code = 7}) end")

    def callback():
        inner()

    lua.globals()["callback"] = callback
    with pytest.raises(luna.LuaError) as info:
        lua.execute("callback()")
    assert info.value.value["code"] == 7


def test_lua_error_value_is_kept(lua):
    with pytest.raises(luna.LuaError) as info:
        lua.execute("error({reason = 'x'})")
    assert isinstance(info.value.value, luna.Table) and info.value.value["reason"] == "x"
    with pytest.raises(luna.LuaError) as info:
        lua.execute("error(42)")
    assert info.value.value == 42
    assert info.value.status == "LUNA_ERROR_RUNTIME"


def test_structured_traceback(lua):
    f = lua.compile("local function a() error('deep') end\nlocal function b() a() end\nb()", name="@tb.lua")
    with pytest.raises(luna.LuaError) as info:
        f()
    frames = info.value.lua_traceback
    assert all(isinstance(fr, luna.LuaFrame) for fr in frames)
    lua_frames = [(fr.source, fr.line) for fr in frames if fr.what != "C"]
    assert lua_frames[:3] == [("tb.lua", 1), ("tb.lua", 2), ("tb.lua", 3)]
    assert "Lua traceback" in str(info.value)


def test_keyboard_interrupt_is_not_catchable_by_lua(lua):
    def stop():
        raise KeyboardInterrupt

    lua.globals()["stop"] = stop
    with pytest.raises(KeyboardInterrupt):
        lua.execute("for i = 1, 3 do pcall(stop) end return 'escaped'")
    assert lua.eval("1 + 1") == 2


def test_reentrant_calls(lua):
    lua.globals()["py_eval"] = lambda code: lua.eval(code)
    assert lua.eval("py_eval('2 * 21')") == 42


def test_python_callable_nested_results(lua):
    lua.globals()["mk"] = lambda: lua.table(1, 2)
    assert lua.eval("#mk()") == 2


def test_python_none_return_is_no_result(lua):
    lua.globals()["nothing"] = lambda: None
    assert lua.eval("select('#', nothing())") == 0
    assert lua.eval("nothing() == nil")
    lua.globals()["explicit"] = lambda: (None,)
    assert lua.eval("select('#', explicit())") == 1
