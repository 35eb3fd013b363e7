"""Numbers, strings, booleans, nil across the boundary."""

import pytest

import luna


def test_integers_and_floats_stay_distinct(lua):
    assert type(lua.eval("1")) is int
    assert type(lua.eval("1.0")) is float
    assert lua.eval("3 // 2") == 1 and type(lua.eval("3 / 1")) is float
    assert lua.execute("return math.type(...)", 1) == "integer"
    assert lua.execute("return math.type(...)", 1.0) == "float"


def test_integer_limits(lua):
    assert lua.eval("math.maxinteger") == luna.LUA_MAXINTEGER == 2**63 - 1
    assert lua.execute("return ... + 0", -2**63) == -2**63
    assert lua.eval("math.maxinteger + 1") == -2**63  # Lua wraps around


def test_big_python_int_is_a_clean_overflow_error(lua):
    with pytest.raises(OverflowError):
        lua.execute("return ...", 2**63)
    with pytest.raises(OverflowError):
        lua.globals()["x"] = -2**64
    assert lua.eval("1") == 1  # the runtime is fine afterwards


def test_bool_and_nil(lua):
    assert lua.eval("true") is True and lua.eval("false") is False
    assert lua.execute("return type(...)", None) == "nil"
    assert lua.execute("return type(...)", True) == "boolean"


def test_str_round_trip(lua):
    text = "héllo \u2603 \U0001F600 \0 end"
    assert lua.execute("return ...", text) == text
    assert lua.execute("return #...", text) == len(text.encode())


def test_bytes_round_trip_byte_exact(lua):
    data = bytes(range(256))
    assert lua.execute("return ...", data) == data
    assert lua.execute("return #...", data) == 256
    assert lua.execute("return ...", bytearray(b"\xff\x00")) == b"\xff\x00"
    assert lua.execute("return ...", memoryview(b"\x80abc")) == b"\x80abc"


def test_binary_lua_string_never_raises_in_auto_mode(lua):
    assert lua.eval("'\\xff\\xfe'") == b"\xff\xfe"
    assert lua.eval("'abc'") == "abc"


def test_bytes_mode():
    with luna.Runtime(strings="bytes") as lua:
        assert lua.eval("'abc'") == b"abc"
        assert lua.eval("'\\xff'") == b"\xff"


def test_str_mode_decodes_and_may_raise():
    with luna.Runtime(strings="str") as lua:
        assert lua.eval("'abc'") == "abc"
        with pytest.raises(UnicodeDecodeError):
            lua.eval("'\\xff'")


def test_bad_string_mode():
    with pytest.raises(ValueError):
        luna.Runtime(strings="latin-1")


def test_lua_type(lua):
    assert luna.lua_type(lua.eval("{}")) == "table"
    assert luna.lua_type(lua.eval("print")) == "function"
    assert luna.lua_type(lua.eval("coroutine.create(print)")) == "thread"
    assert luna.lua_type(lua.eval("io.stdout")) == "userdata"
    assert luna.lua_type(42) is None


def test_objects_of_another_runtime_are_refused(lua):
    with luna.Runtime() as other:
        t = other.table()
        with pytest.raises(ValueError):
            lua.globals()["t"] = t


def test_lua_objects_round_trip_identity(lua):
    t = lua.eval("{}")
    assert lua.execute("local a = ... return a", t) == t
    lua.globals()["saved"] = t
    assert lua.eval("saved") == t
    assert lua.eval("{}") != t
