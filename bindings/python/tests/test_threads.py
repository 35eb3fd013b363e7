"""The GIL is released while Lua runs; one runtime is shared safely; refs die anywhere."""

import threading
import time

import luna

def test_python_threads_run_while_lua_runs(lua):
    ticks = []
    stop = threading.Event()

    def ticker():
        while not stop.is_set():
            ticks.append(1)
            time.sleep(0.001)

    thread = threading.Thread(target=ticker)
    thread.start()
    lua.execute("local t = os.clock() while os.clock() - t < 0.3 do end")
    stop.set()
    thread.join()
    assert len(ticks) > 20  # the ticker got the GIL while Lua was busy


def test_one_runtime_from_many_threads_is_serialised(lua):
    lua.execute("counter = 0 function bump() local c = counter for i = 1, 100 do end counter = c + 1 end")
    bump = lua.globals()["bump"]
    errors = []

    def work():
        try:
            for _ in range(300):
                bump()
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert lua.eval("counter") == 1200


def test_callbacks_from_a_shared_runtime_in_threads(lua):
    seen = []
    lua.globals()["note"] = lambda x: seen.append(x)
    run = lua.eval("function(x) for i = 1, 50 do note(x) end end")
    threads = [threading.Thread(target=run, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(seen) == sorted([i for i in range(4) for _ in range(50)])


def test_separate_runtimes_run_in_parallel():
    # Each run notes the wall time when it starts and ends (a callback). Were the GIL held while
    # Lua runs, the second run could only start after the first ended: the intervals must overlap.
    runtimes = [luna.Runtime(), luna.Runtime()]
    intervals = [[], []]
    threads = []
    for index, rt in enumerate(runtimes):
        rt.globals()["mark"] = lambda i=index: intervals[i].append(time.monotonic())
        fn = rt.eval("function() mark() local t = os.clock() while os.clock() - t < 0.4 do end mark() end")
        threads.append(threading.Thread(target=fn))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for rt in runtimes:
        rt.close()
    (a0, a1), (b0, b1) = intervals
    assert a0 < b1 and b0 < a1, intervals


def test_lua_refs_released_from_other_threads(lua):
    tables = [lua.table(i) for i in range(200)]
    before = lua.memory_used

    def drop():
        tables.clear()

    t = threading.Thread(target=drop)
    t.start()
    t.join()
    lua.execute("collectgarbage() collectgarbage()")
    assert lua.memory_used <= before
    assert lua.eval("1") == 1
