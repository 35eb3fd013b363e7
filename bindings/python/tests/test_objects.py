"""Python objects seen from Lua, under the access rules and the attribute filter."""

import pytest

import luna


class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y
        self._secret = "hidden"

    def norm2(self):
        return self.x * self.x + self.y * self.y

    def scaled(self, k):
        return Point(self.x * k, self.y * k)


def test_attributes_and_methods(lua):
    lua.globals()["p"] = Point(3, 4)
    assert lua.eval("p.x + p.y") == 7
    assert lua.eval("p:norm2()") == 25  # o:m() does not pass self twice
    assert lua.eval("p.norm2()") == 25
    assert lua.eval("p:scaled(2).x") == 6
    lua.execute("p.x = 10")
    assert lua.eval("p.x") == 10
    assert lua.eval("p.missing") is None


def test_private_attributes_denied_by_default(lua):
    lua.globals()["p"] = Point(1, 2)
    with pytest.raises(luna.LuaError, match="access denied"):
        lua.eval("p._secret")
    with pytest.raises(luna.LuaError, match="access denied"):
        lua.eval("p.__class__")
    with pytest.raises(luna.LuaError, match="access denied"):
        lua.execute("p._secret = 1")


def test_items_for_containers(lua):
    data = {"k": "v"}
    items = [10, 20]
    lua.globals()["d"] = data
    lua.globals()["l"] = items
    assert lua.eval("d.k") == "v" and lua.eval("d['k']") == "v"
    assert lua.eval("l[0]") == 10 and lua.eval("#l") == 2  # Python indexing, Python len
    lua.execute("d.new = 1")
    assert data["new"] == 1
    assert lua.eval("d.nothing") is None


def test_forced_access_modes(lua):
    data = {"keys": 1}
    lua.globals()["as_attr"] = luna.as_attributes(data)
    lua.globals()["as_item"] = luna.as_items(data)
    assert lua.eval("as_item.keys") == 1
    assert callable(lua.eval("as_attr.keys"))
    assert lua.eval("as_attr.keys()") is not None


def test_explicit_filter():
    seen = []

    def only_x(obj, key, setting):
        seen.append((key, setting))
        return key == "x" and not setting

    with luna.Runtime(libraries="sandbox", attribute_filter=only_x) as lua:
        lua.globals()["p"] = Point(1, 2)
        assert lua.eval("p.x") == 1
        with pytest.raises(luna.LuaError, match="access denied"):
            lua.eval("p.y")
        with pytest.raises(luna.LuaError, match="access denied"):
            lua.execute("p.x = 5")
    assert ("x", False) in seen and ("y", False) in seen and ("x", True) in seen


def test_sandbox_reaches_nothing_by_default(sandbox):
    assert sandbox.python_access is False
    sandbox.globals()["p"] = Point(1, 2)
    sandbox.globals()["d"] = {"k": 1}
    for code in ("p.x", "d.k", "#d", "p()"):
        with pytest.raises(luna.LuaError, match="disabled"):
            sandbox.eval(code)
    assert sandbox.eval("tostring(p)") == "<Python Point object>"
    assert sandbox.eval("getmetatable(p)") == "python object"  # locked metatable
    # Python objects still round-trip as opaque handles
    p = Point(0, 0)
    assert sandbox.execute("return ...", p) is p


def test_callable_objects(lua):
    class Adder:
        def __call__(self, a, b):
            return a + b

    lua.globals()["add"] = Adder()
    lua.globals()["P"] = Point
    assert lua.eval("add(2, 3)") == 5
    assert lua.eval("P(1, 1):norm2()") == 2


def test_identity_and_equality(lua):
    p = Point(1, 1)
    lua.globals()["a"] = p
    lua.globals()["b"] = p
    assert lua.eval("a == b")
    lua.globals()["c"] = Point(1, 1)
    assert lua.eval("a ~= c")


def test_python_iter(lua):
    lua.globals()["items"] = [1, 2, 3]
    assert lua.eval("(function() local s = 0 for x in python.iter(items) do s = s + x end return s end)()") == 6


def test_python_objects_are_released(lua):
    import gc
    import weakref

    p = Point(1, 1)
    ref = weakref.ref(p)
    lua.globals()["tmp"] = p
    del p
    lua.execute("tmp = nil collectgarbage() collectgarbage()")
    gc.collect()
    assert ref() is None
