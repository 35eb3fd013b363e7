"""Lua coroutines as Python generators, and the asyncio bridge."""

import asyncio
import collections.abc as abc

import pytest

import luna


def test_coroutine_is_a_generator(lua):
    gen = lua.eval("function(n) for i = 1, n do coroutine.yield(i) end return 'done' end").coroutine(3)
    assert isinstance(gen, abc.Generator)
    assert list(gen) == [1, 2, 3]


def test_send_and_return_value(lua):
    gen = lua.eval("""function()
        local total = 0
        while true do
          local x = coroutine.yield(total)
          if x == nil then return total end
          total = total + x
        end
      end""").coroutine()
    assert next(gen) == 0
    assert gen.send(5) == 5
    assert gen.send(10) == 15
    with pytest.raises(StopIteration) as info:
        next(gen)
    assert info.value.value == 15
    with pytest.raises(StopIteration):
        next(gen)


def test_cannot_send_to_fresh_generator(lua):
    gen = lua.eval("function() coroutine.yield(1) end").coroutine()
    with pytest.raises(TypeError):
        gen.send(1)


def test_multiple_yielded_values_are_a_tuple(lua):
    gen = lua.eval("function() coroutine.yield(1, 2) end").coroutine()
    assert next(gen) == (1, 2)


def test_throw_raises_at_the_yield_and_lua_can_catch(lua):
    gen = lua.eval("""function()
        local ok, err = pcall(coroutine.yield, 'first')
        coroutine.yield(ok and 'no error' or ('caught ' .. tostring(err)))
      end""").coroutine()
    assert next(gen) == "first"
    assert gen.throw(ValueError("bad")).startswith("caught ValueError: bad")


def test_throw_uncaught_comes_back_as_the_same_exception(lua):
    gen = lua.eval("function() coroutine.yield(1) coroutine.yield(2) end").coroutine()
    next(gen)
    exc = RuntimeError("stop")
    with pytest.raises(RuntimeError) as info:
        gen.throw(exc)
    assert info.value is exc
    with pytest.raises(StopIteration):
        next(gen)


def test_close_runs_to_be_closed_variables(lua):
    lua.execute("closed = false")
    gen = lua.eval("""function()
        local guard <close> = setmetatable({}, {__close = function() closed = true end})
        coroutine.yield(1)
        coroutine.yield(2)
      end""").coroutine()
    assert next(gen) == 1
    gen.close()
    assert lua.eval("closed") is True
    with pytest.raises(StopIteration):
        next(gen)
    gen.close()  # idempotent


def test_lua_created_coroutine(lua):
    co = lua.eval("coroutine.create(function(a) local b = coroutine.yield(a) return b * 2 end)")
    assert isinstance(co, luna.Coroutine) and co.status == "suspended"
    assert next(co) is None  # no initial args
    with pytest.raises(StopIteration) as info:
        co.send(21)
    assert info.value.value is None or info.value.value == 42


def test_error_in_generator(lua):
    gen = lua.eval("function() coroutine.yield(1) error('inside') end").coroutine()
    next(gen)
    with pytest.raises(luna.LuaError, match="inside"):
        next(gen)


def test_async_bridge_awaits_python_coroutines(lua):
    async def fetch(x):
        await asyncio.sleep(0.01)
        return x * 2

    async def failing():
        await asyncio.sleep(0)
        raise ValueError("async failure")

    lua.globals()["fetch"] = fetch
    lua.globals()["failing"] = failing
    fn = lua.eval("""function(n)
        local a = python.await(fetch(n))
        local ok, err = pcall(python.await, failing())
        return a + python.await(fetch(1)), ok, tostring(err)
      end""")

    result = asyncio.run(lua.call_async(fn, 20))
    assert result[0] == 42 and result[1] is False and "async failure" in result[2]


def test_async_tasks_interleave(lua):
    order = []

    async def step(name):
        order.append(name)
        await asyncio.sleep(0.01)
        return name

    lua.globals()["step"] = step
    fn = lua.eval("function(name) python.await(step(name .. 1)) return python.await(step(name .. 2)) end")

    async def main():
        return await asyncio.gather(lua.call_async(fn, "a"), lua.call_async(fn, "b"))

    assert asyncio.run(main()) == ["a2", "b2"]
    assert order[:2] == ["a1", "b1"]


def test_async_uncaught_exception_propagates(lua):
    async def failing():
        raise LookupError("nope")

    lua.globals()["failing"] = failing
    with pytest.raises(LookupError):
        asyncio.run(lua.execute_async("python.await(failing())"))
