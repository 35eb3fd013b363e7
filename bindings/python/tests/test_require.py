"""require of Lua modules and of Debian's C modules (which need the lua_* symbols global)."""

import pytest

import luna


def test_require_lua_module(lua, modules_dir):
    lua.globals()["package"]["path"] = f"{modules_dir}/?.lua"
    greeting = lua.require("greeting")
    assert greeting["hello"]("luna") == "hello, luna"
    assert greeting["loaded_as"] == "greeting"
    assert lua.eval("require('greeting') == package.loaded.greeting")


def test_require_lpeg(lua):
    lpeg = lua.require("lpeg")
    assert lua.execute("local lpeg = require 'lpeg' return lpeg.match(lpeg.C(lpeg.R('09')^1), 'x123y', 2)") == "123"
    assert lpeg["version"]()


def test_require_cjson(lua):
    assert lua.execute("local cjson = require 'cjson' return cjson.decode('[1,2,{\"a\":3}]')[3].a") == 3
    assert lua.execute("return require('cjson').encode({1, 2})") == "[1,2]"


def test_c_modules_in_two_runtimes(lua):
    with luna.Runtime() as other:
        assert other.execute("return require('cjson').encode({x = 1})") == '{"x":1}'
    assert lua.execute("return require('cjson').encode({})") in ("{}", "[]")


def test_sandbox_has_no_require(sandbox):
    with pytest.raises(luna.LuaError):
        sandbox.execute("require 'lpeg'")
