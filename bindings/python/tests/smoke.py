"""Smoke test of an installed `luna`: eval, callbacks, tables, a generator, a memory-limit error
and require "lpeg". Exit status 0 and "smoke: ok" when everything works."""

import luna


def main() -> None:
    with luna.Runtime(memory_limit=32 << 20) as lua:
        assert lua.eval("1 + 2") == 3
        lua.globals()["shout"] = lambda s: s.upper() + "!"
        assert lua.eval("shout('hi')") == "HI!"
        t = lua.table_from({"name": "luna", "list": [1, 2, 3]}, recursive=True)
        assert lua.execute("local t = ... return t.name .. #t.list", t) == "luna3"
        t["added"] = True
        assert lua.eval("function(t) return t.added end")(t) is True
        squares = lua.eval("function(n) for i = 1, n do coroutine.yield(i * i) end end").coroutine(4)
        assert list(squares) == [1, 4, 9, 16]
        try:
            lua.execute("local t = {} for i = 1, 1e9 do t[i] = ('x'):rep(100) .. i end")
        except luna.LuaMemoryError:
            pass
        else:
            raise AssertionError("no memory error")
        lpeg = lua.require("lpeg")
        assert lpeg["version"]()
        assert lua.execute("local lpeg = require 'lpeg' return lpeg.match(lpeg.R'az'^1, 'abc1')") == 4
        assert lua.execute("return require('cjson').encode({1})") == "[1]"
    print("smoke: ok (luna from %s)" % luna.__file__)


if __name__ == "__main__":
    main()
