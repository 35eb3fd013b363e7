"""Micro-benchmarks of the Python binding; prints nanoseconds per operation (best of 7 rounds).

    python3 bench/python/bench.py            # uses the installed `luna`
    PYTHONPATH=<dir holding luna/> python3 bench/python/bench.py

Columns: luna with the fast VM (limits=False, the default of a "full" Runtime), luna with the
limit hook (limits=True, the default of sandboxed runtimes), and lupa when it is importable
(Debian: python3-lupa), measured in the same process so a busy machine affects all alike.
Loop overhead (an empty Python loop, an empty Lua loop) is subtracted.
"""

import sys
import time

import luna

ROUNDS = 7  # engines alternate within each round, so a busy machine affects them alike
REPEAT = 1


def best_ns(fn, n):
    best = float("inf")
    for _ in range(REPEAT):
        start = time.perf_counter_ns()
        fn(n)
        best = min(best, time.perf_counter_ns() - start)
    return best / n


def python_loop(n):
    for _ in range(n):
        pass


class Engine:
    """The operations, for luna or lupa."""

    def __init__(self, name, lua, set_global, make_table, table_from, to_list):
        self.name, self.lua = name, lua
        self.set_global, self.make_table, self.table_from, self.to_list = set_global, make_table, table_from, to_list


def luna_engine(limits):
    rt = luna.Runtime(limits=limits)
    return Engine(f"luna limits={limits}", rt, lambda k, v: rt.globals().__setitem__(k, v), rt.table,
                  rt.table_from, lambda t: t.to_list())


def lupa_engine():
    try:
        import lupa
    except ImportError:
        return None
    rt = lupa.LuaRuntime()
    to_list = rt.eval("function(t) local r = {} for i = 1, #t do r[i] = t[i] end return r end")
    return Engine(f"lupa {lupa.__version__}", rt, lambda k, v: setattr(rt.globals(), k, v), rt.table,
                  rt.table_from, lambda t: list(t.values()))


def measure(engine):
    lua, out = engine.lua, {}
    base = best_ns(python_loop, 200_000)
    empty = lua.eval("function() end")
    add = lua.eval("function(a, b) return a + b end")

    def call_empty(n):
        f = empty
        for _ in range(n):
            f()

    def call_add(n):
        f = add
        for i in range(n):
            f(i, 2)

    out["Python->Lua call, no args"] = best_ns(call_empty, 200_000) - base
    out["Python->Lua call, 2 ints in, 1 out"] = best_ns(call_add, 200_000) - base

    engine.set_global("cb", lambda: None)
    engine.set_global("cb2", lambda a, b: a)
    with_cb = lua.eval("function(n) for i = 1, n do cb() end end")
    with_cb2 = lua.eval("function(n) for i = 1, n do cb2(i, i) end end")
    lua_loop = best_ns(lua.eval("function(n) for i = 1, n do end end"), 1_000_000)
    out["Lua->Python callback, no args"] = best_ns(with_cb, 200_000) - lua_loop
    out["Lua->Python callback, 2 ints in, 1 out"] = best_ns(with_cb2, 200_000) - lua_loop

    t = engine.make_table()
    t["k"] = 1

    def table_set(n):
        for i in range(n):
            t["k"] = i

    def table_get(n):
        for _ in range(n):
            t["k"]

    out["table set t['k'] = i"] = best_ns(table_set, 200_000) - base
    out["table get t['k']"] = best_ns(table_get, 200_000) - base
    data = list(range(10_000))
    out["table_from(10k-int list), per element"] = best_ns(lambda n: [engine.table_from(data) for _ in range(n)], 20) / 1e4
    big = engine.table_from(data)
    out["10k-int table -> list, per element"] = best_ns(lambda n: [engine.to_list(big) for _ in range(n)], 20) / 1e4
    out["eval("1+1") (cached compile)"] = best_ns(lambda n: [lua.eval("1+1") for _ in range(n)], 20_000)
    return out


def main() -> None:
    engines = [luna_engine(False), luna_engine(True)]
    other = lupa_engine()
    if other is not None:
        engines.append(other)
    best = [dict() for _ in engines]
    for _ in range(ROUNDS):
        for engine, values in zip(engines, best):
            for op, ns in measure(engine).items():
                values[op] = min(ns, values.get(op, float("inf")))
    columns = [(engine.name, values) for engine, values in zip(engines, best)]
    rows = list(columns[0][1])
    width = max(len(r) for r in rows)
    print(f"Python binding benchmarks, ns/op (Python {sys.version.split()[0]}, best of {ROUNDS} rounds)")
    print(f"  {'operation':<{width}}" + "".join(f"  {name:>18}" for name, _ in columns))
    for row in rows:
        print(f"  {row:<{width}}" + "".join(f"  {values[row]:18.0f}" for _, values in columns))


if __name__ == "__main__":
    main()
