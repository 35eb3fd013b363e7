"""Table proxies: MutableMapping behaviour, sequence views, construction from Python data."""

import collections.abc as abc

import pytest

import luna


def test_table_is_a_mutable_mapping(lua):
    t = lua.eval("{a = 1, b = 2, 10}")
    assert isinstance(t, abc.MutableMapping) and isinstance(t, abc.Mapping)
    assert sorted(t.keys(), key=str) == [1, "a", "b"]
    assert sorted(t.values()) == [1, 2, 10]
    assert dict(t.items()) == {"a": 1, "b": 2, 1: 10}
    assert len(t) == 3  # entries, not Lua's #
    assert "a" in t and "zz" not in t and None not in t


def test_missing_key_raises_key_error(lua):
    t = lua.table()
    with pytest.raises(KeyError):
        t["missing"]
    assert t.get("missing") is None and t.get("missing", 5) == 5
    with pytest.raises(KeyError):
        del t["missing"]


def test_set_and_delete(lua):
    t = lua.table()
    t["x"] = 1
    t[1] = "one"
    t[2.5] = True
    assert lua.execute("local t = ... return t.x, t[1], t[2.5]", t) == (1, "one", True)
    del t["x"]
    assert "x" not in t
    assert t.pop(1) == "one"
    t.update({"k": "v"}, z=3)
    assert t.to_dict() == {2.5: True, "k": "v", "z": 3}
    t.clear()
    assert len(t) == 0 and not t


def test_metamethods_apply(lua):
    t = lua.eval("setmetatable({}, {__index = function(_, k) return k .. '!' end})")
    assert t["hi"] == "hi!"


def test_globals(lua):
    g = lua.globals()
    g["answer"] = 42
    assert lua.eval("answer") == 42
    assert g["string"]["format"]("%d", 5) == "5"


def test_table_constructor(lua):
    t = lua.table(1, 2, 3, name="x")
    assert lua.execute("local t = ... return #t, t.name", t) == (3, "x")


def test_sequence_view_is_zero_based(lua):
    t = lua.eval("{'a', 'b', 'c'}")
    seq = t.sequence()
    assert isinstance(seq, abc.MutableSequence)
    assert len(seq) == 3 and seq[0] == "a" and seq[-1] == "c" and list(seq) == ["a", "b", "c"]
    assert seq[1:] == ["b", "c"]
    with pytest.raises(IndexError):
        seq[3]
    seq.append("d")
    seq.insert(0, "z")
    assert lua.execute("return table.concat(...)", t) == "zabcd"
    del seq[1]
    assert list(seq) == ["z", "b", "c", "d"] and lua.execute("return #...", t) == 4
    seq[0] = "y"
    assert t[1] == "y" and t.to_list() == ["y", "b", "c", "d"]


def test_table_from_sequences_and_mappings(lua):
    t = lua.table_from([1, 2], {"k": "v"}, (3,))
    assert t.to_list() == [1, 2, 3] and t["k"] == "v"


def test_table_from_is_shallow_by_default(lua):
    nested = {"inner": [1, 2]}
    t = lua.table_from(nested)
    assert luna.lua_type(t["inner"]) is None  # a proxy of the Python list, not a table
    assert t["inner"] is nested["inner"]


def test_table_from_recursive_keeps_sharing_and_cycles(lua):
    shared = [1, 2]
    data = {"a": shared, "b": shared, "nested": {"deep": (True, None, "x")}}
    data["self"] = data
    t = lua.table_from(data, recursive=True)
    assert lua.execute("local t = ... return t.a == t.b, #t.a, t.nested.deep[3], t.self == t", t) == (
        True, 2, "x", True)


def test_iteration_order_is_lua_next_order(lua):
    t = lua.eval("{10, 20, 30}")
    assert list(t) == [1, 2, 3]
    assert list(t.items()) == [(1, 10), (2, 20), (3, 30)]


def test_none_key_refused(lua):
    with pytest.raises(ValueError):
        lua.table_from({None: 1})
    with pytest.raises(luna.LuaError):
        lua.table()[None] = 1


def test_repr(lua):
    assert repr(lua.table()).startswith("<luna.Table table: 0x")
