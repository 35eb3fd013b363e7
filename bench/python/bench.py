"""Micro-benchmarks of the Python binding; prints nanoseconds per operation (best of 5 runs).

    python3 bench/python/bench.py            # uses the installed `luna`
    PYTHONPATH=<dir with luna/> python3 bench/python/bench.py

Reference (docs/python.md): lupa 1.14 (LuaJIT) on this class of machine took ~173 ns per
Python->Lua call with no arguments, ~239 ns with 2 ints in / 1 out, ~208 ns per Lua->Python
callback, 81 / 102 ns for a table set / get.
"""

import sys
import time

import luna

REPEAT = 5


def best_ns(fn, n):
    best = float("inf")
    for _ in range(REPEAT):
        start = time.perf_counter_ns()
        fn(n)
        best = min(best, time.perf_counter_ns() - start)
    return best / n


def main() -> None:
    lua = luna.Runtime()
    empty = lua.eval("function() end")
    add = lua.eval("function(a, b) return a + b end")
    t = lua.table()
    t["k"] = 1
    results = []

    def call_empty(n):
        f = empty
        for _ in range(n):
            f()

    def call_add(n):
        f = add
        for i in range(n):
            f(i, 2)

    def loop_only(n):
        for _ in range(n):
            pass

    base = best_ns(loop_only, 200_000)
    results.append(("Python->Lua call, no args", best_ns(call_empty, 200_000) - base))
    results.append(("Python->Lua call, 2 ints in, 1 out", best_ns(call_add, 200_000) - base))

    lua.globals()["cb"] = lambda: None
    lua.globals()["cb2"] = lambda a, b: a
    with_cb = lua.eval("function(n) for i = 1, n do cb() end end")
    with_cb2 = lua.eval("function(n) for i = 1, n do cb2(i, i) end end")
    without = lua.eval("function(n) for i = 1, n do end end")
    loop_ns = best_ns(without, 1_000_000)
    results.append(("Lua->Python callback, no args", best_ns(with_cb, 200_000) - loop_ns))
    results.append(("Lua->Python callback, 2 ints in, 1 out", best_ns(with_cb2, 200_000) - loop_ns))

    def table_set(n):
        for i in range(n):
            t["k"] = i

    def table_get(n):
        for _ in range(n):
            t["k"]

    results.append(("table set t['k'] = i", best_ns(table_set, 200_000) - base))
    results.append(("table get t['k']", best_ns(table_get, 200_000) - base))

    data = list(range(10_000))
    results.append(("table_from(list of 10k ints), per table", best_ns(lambda n: [lua.table_from(data) for _ in range(n)], 20)))
    big = lua.table_from(data)
    results.append(("table.to_list() of 10k ints, per list", best_ns(lambda n: [big.to_list() for _ in range(n)], 20)))
    results.append(("eval('1+1') (compiles each time)", best_ns(lambda n: [lua.eval("1+1") for _ in range(n)], 20_000)))

    width = max(len(name) for name, _ in results)
    print(f"luna Python binding benchmarks (Python {sys.version.split()[0]}, best of {REPEAT})")
    for name, ns in results:
        print(f"  {name:<{width}}  {ns:10.0f} ns/op")
    lua.close()


if __name__ == "__main__":
    main()
