"""eval / execute / compile, chunk names, binary chunks."""

import pytest

import luna


def test_eval_returns_one_value_or_tuple(lua):
    assert lua.eval("1 + 2") == 3
    assert lua.eval("1, 'a', nil") == (1, "a", None)
    assert lua.eval("nil") is None


def test_execute_passes_arguments_as_varargs(lua):
    assert lua.execute("local a, b = ... return a * b", 6, 7) == 42
    assert lua.execute("return select('#', ...)", None, None, None) == 3
    assert lua.execute("x = 1") is None


def test_compile_returns_function_without_running(lua):
    fn = lua.compile("counter = (counter or 0) + 1 return counter")
    assert isinstance(fn, luna.Function)
    assert lua.globals().get("counter") is None
    assert fn() == 1 and fn() == 2


def test_chunk_name_in_runtime_error(lua):
    with pytest.raises(luna.LuaError) as info:
        lua.execute("local x = nil\nreturn x.field", name="@script.lua")
    assert "script.lua:2:" in str(info.value)
    assert any(frame.source == "script.lua" and frame.line == 2 for frame in info.value.lua_traceback)


def test_default_chunk_name_is_the_text(lua):
    with pytest.raises(luna.LuaError) as info:
        lua.execute("error('boom')")
    assert info.value.message.startswith('[string "error(\'boom\')"]:1:')


def test_syntax_error(lua):
    with pytest.raises(luna.LuaSyntaxError) as info:
        lua.compile("local = 1", name="=bad")
    assert str(info.value).startswith("bad:1:")
    assert isinstance(info.value, luna.LuaError)


def test_eval_chunk_name(lua):
    with pytest.raises(luna.LuaError) as info:
        lua.eval("nil + 1", name="=expr")
    assert info.value.message.startswith("expr:1:")


def test_binary_chunks_refused_by_default(lua):
    dumped = lua.eval("string.dump(function() return 7 end)")
    assert isinstance(dumped, bytes)
    with pytest.raises(luna.LuaSyntaxError):
        lua.compile(dumped, mode="b")
    with pytest.raises(luna.LuaSyntaxError):
        lua.compile(dumped)  # text mode by default


def test_binary_chunks_when_allowed():
    with luna.Runtime(binary_chunks=True) as lua:
        dumped = lua.eval("string.dump(function() return 7 end)")
        assert lua.compile(dumped, mode="b")() == 7
        assert lua.compile(dumped, mode="bt")() == 7
        with pytest.raises(luna.LuaSyntaxError):
            lua.compile(dumped, mode="t")


def test_bad_mode(lua):
    with pytest.raises(ValueError):
        lua.compile("return 1", mode="x")


def test_closed_runtime_raises():
    lua = luna.Runtime()
    fn = lua.eval("function() return 1 end")
    lua.close()
    assert lua.closed
    with pytest.raises(RuntimeError):
        lua.eval("1")
    with pytest.raises(RuntimeError):
        fn()
    lua.close()  # idempotent


def test_eval_reuses_compiled_expressions_with_fresh_results(lua):
    # The cache of compiled expressions must not change what an expression evaluates to.
    first, second = lua.eval("{}"), lua.eval("{}")
    first["x"] = 1
    assert second.get("x") is None
    lua.globals()["n"] = 1
    assert lua.eval("n + ...", 10) == 11
    lua.globals()["n"] = 5
    assert lua.eval("n + ...", 10) == 15
    assert [lua.eval(f"{i} * 2") for i in range(200)] == [i * 2 for i in range(200)]  # past the bound
    assert lua.eval("n + ...", 1) == 6
    with pytest.raises(luna.LuaSyntaxError):
        lua.eval("1 +")
    with pytest.raises(luna.LuaSyntaxError):  # failures are not cached
        lua.eval("1 +")
    with pytest.raises(luna.LuaError) as info:
        lua.eval("nil + 1", name="@first.lua")
    assert "first.lua" in str(info.value)
    with pytest.raises(luna.LuaError) as info:
        lua.eval("nil + 1", name="@second.lua")  # the name is part of the key
    assert "second.lua" in str(info.value)
    big = " + ".join(["1"] * 3000)  # longer than the cached size: compiled each time
    assert lua.eval(big) == 3000 and lua.eval(big) == 3000


def test_eval_nested_in_a_callback(lua):
    lua.globals()["again"] = lambda: lua.eval("40 + 2")
    assert lua.eval("again() + 0") == 42
    lua.globals()["flood"] = lambda: [lua.eval(f"{i}") for i in range(100)][-1]  # empties the cache
    assert lua.eval("flood() + 1") == 100
