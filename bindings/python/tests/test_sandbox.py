"""Library selection and the sandbox preset."""

import pytest

import luna


def test_sandbox_has_no_dangerous_libraries(sandbox):
    assert sandbox.eval("io == nil and debug == nil and package == nil and require == nil")
    assert sandbox.eval("dofile == nil and loadfile == nil")
    assert sandbox.eval("os.execute == nil and os.remove == nil and type(os.time) == 'function'")
    assert sandbox.eval("select(2, load(string.dump(function() end)))").startswith("attempt to load a binary chunk")


def test_explicit_library_list():
    with luna.Runtime(libraries=["base", "string"]) as lua:
        assert lua.eval("string.upper('x')") == "X"
        assert lua.eval("table == nil and math == nil")


def test_no_libraries():
    with luna.Runtime(libraries="none", python_module=False) as lua:
        assert lua.eval("print == nil and string == nil")
        assert len(lua.globals()) == 0


def test_unknown_library_name():
    with pytest.raises(ValueError):
        luna.Runtime(libraries=["base", "sockets"])
    with pytest.raises(ValueError):
        luna.Runtime(libraries="everything")


def test_full_runtime_allows_python_access(lua):
    assert lua.python_access is True
    assert luna.Runtime(libraries="sandbox", python_access=True).python_access is True
