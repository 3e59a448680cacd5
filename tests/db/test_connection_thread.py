"""The connection thread: one sqlite3 connection, driven from asyncio through a FIFO queue."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from collections.abc import AsyncIterator

import pytest

from db import StoreClosedError
from db.sqlite.connection import ConnectionThread


def _memory() -> sqlite3.Connection:
    return sqlite3.connect(":memory:", isolation_level=None)


@pytest.fixture
async def worker() -> AsyncIterator[ConnectionThread]:
    opened = await ConnectionThread.open(_memory, name="test-sqlite")
    try:
        yield opened
    finally:
        await opened.close()


def _where(conn: sqlite3.Connection, tag: str) -> tuple[threading.Thread, str, int]:
    # sqlite3 refuses a connection used off its own thread, so this also proves it.
    return threading.current_thread(), tag, conn.execute("SELECT 41 + 1").fetchone()[0]


async def test_results_come_back_from_one_thread_of_its_own(worker: ConnectionThread) -> None:
    first = await worker.call(_where, "a")
    second = await worker.call(_where, "b")
    assert first[0] is second[0] is not threading.current_thread()
    assert first[0].name == "test-sqlite"
    assert (first[1:], second[1:]) == (("a", 42), ("b", 42))


async def test_calls_run_in_the_order_made(worker: ConnectionThread) -> None:
    await worker.call(lambda c: c.execute("CREATE TABLE t (x)"))
    inserts = [
        worker.call(lambda c, n=n: c.execute("INSERT INTO t VALUES (?)", (n,))) for n in range(50)
    ]
    seen = worker.call(lambda c: [x for (x,) in c.execute("SELECT x FROM t ORDER BY rowid")])
    *_, rows = await asyncio.gather(*inserts, seen)
    assert rows == list(range(50))


async def test_errors_reach_the_caller_unchanged(worker: ConnectionThread) -> None:
    with pytest.raises(sqlite3.OperationalError, match="no such table"):
        await worker.call(lambda c: c.execute("SELECT * FROM missing"))

    def fails(conn: sqlite3.Connection) -> None:
        raise KeyError("mine")

    with pytest.raises(KeyError, match="mine"):
        await worker.call(fails)
    assert await worker.call(lambda c: c.execute("SELECT 1").fetchone()[0]) == 1


async def test_runs_even_if_the_caller_is_cancelled(worker: ConnectionThread) -> None:
    """The store queues ROLLBACK behind a cancelled statement; that needs the statement to run."""
    await worker.call(lambda c: c.execute("CREATE TABLE t (x)"))
    task = asyncio.ensure_future(worker.call(lambda c: c.execute("INSERT INTO t VALUES (1)")))
    await asyncio.sleep(0)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    row = await worker.call(lambda c: c.execute("SELECT count(*) FROM t").fetchone())
    assert row[0] == 1


async def test_close_runs_what_was_queued_then_refuses() -> None:
    worker = await ConnectionThread.open(_memory)
    thread, _, _ = await worker.call(_where, "t")
    gate = threading.Event()
    # The first call blocks the thread, so the others are still queued when close() comes.
    blocked = asyncio.ensure_future(worker.call(lambda c: gate.wait(5)))
    queued = [asyncio.ensure_future(worker.call(lambda c, n=n: n)) for n in range(20)]
    await asyncio.sleep(0)
    closing = asyncio.ensure_future(worker.close())
    await asyncio.sleep(0.01)
    with pytest.raises(StoreClosedError):
        await worker.call(lambda c: 1)
    assert not closing.done()
    gate.set()
    await closing
    assert await blocked is True
    assert await asyncio.gather(*queued) == list(range(20))
    thread.join(timeout=5)
    assert not thread.is_alive()
    await worker.close()  # closing again is harmless
    with pytest.raises(StoreClosedError):
        await worker.call(lambda c: 1)


async def test_connection_is_closed_on_its_thread() -> None:
    # check_same_thread=False only so this test may look at the connection afterwards.
    worker = await ConnectionThread.open(
        lambda: sqlite3.connect(":memory:", check_same_thread=False)
    )
    conn: sqlite3.Connection = await worker.call(lambda c: c)
    await worker.close()
    with pytest.raises(sqlite3.ProgrammingError, match="closed"):
        conn.execute("SELECT 1")


async def test_a_failed_connect_is_raised_and_ends_the_thread() -> None:
    before = set(threading.enumerate())

    def refuses() -> sqlite3.Connection:
        raise sqlite3.OperationalError("unable to open database file")

    with pytest.raises(sqlite3.OperationalError, match="unable to open"):
        await ConnectionThread.open(refuses, name="refused")
    for thread in set(threading.enumerate()) - before:
        thread.join(timeout=5)
        assert thread.name != "refused" or not thread.is_alive()
