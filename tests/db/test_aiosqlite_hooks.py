"""Canary for the private aiosqlite names db/sqlite.py relies on (run_on_thread).

aiosqlite has no public "run this callable on the connection thread" call, so the store
uses Connection._execute and Connection._conn, which exist in aiosqlite 0.22.1 (pinned
exactly in pyproject.toml). If an upgrade changes them, these tests fail first and say
what to re-check, instead of the store failing in some stranger way.
"""

from __future__ import annotations

import asyncio
import inspect
import sqlite3
import threading
from collections.abc import AsyncIterator

import aiosqlite
import pytest

from db.sqlite import run_on_thread

PINNED = "0.22.1"
UPGRADE_HINT = (
    "db/sqlite.py run_on_thread uses aiosqlite private names; re-check them against the "
    "new aiosqlite before changing the pin"
)


@pytest.fixture
async def conn() -> AsyncIterator[aiosqlite.Connection]:
    connection = await aiosqlite.connect(":memory:", isolation_level=None)
    try:
        yield connection
    finally:
        await connection.close()


def test_version_is_the_pinned_one() -> None:
    assert aiosqlite.__version__ == PINNED, UPGRADE_HINT


def test_private_names_exist() -> None:
    execute = getattr(aiosqlite.Connection, "_execute", None)
    assert execute is not None and inspect.iscoroutinefunction(execute), UPGRADE_HINT
    params = list(inspect.signature(execute).parameters.values())
    assert [p.name for p in params[:2]] == ["self", "fn"], UPGRADE_HINT
    assert params[2].kind is inspect.Parameter.VAR_POSITIONAL, UPGRADE_HINT
    assert isinstance(inspect.getattr_static(aiosqlite.Connection, "_conn"), property), UPGRADE_HINT


async def test_conn_is_the_sqlite3_connection(conn: aiosqlite.Connection) -> None:
    raw = conn._conn
    assert isinstance(raw, sqlite3.Connection), UPGRADE_HINT
    assert await run_on_thread(conn, lambda c: c) is raw
    # The connection the public API uses: a temp table made through one is seen by the other.
    await conn.execute("CREATE TEMP TABLE t (x)")
    await conn.execute("INSERT INTO t VALUES (7)")
    assert await run_on_thread(conn, lambda c: c.execute("SELECT x FROM t").fetchone()[0]) == 7


async def test_runs_on_the_connection_thread(conn: aiosqlite.Connection) -> None:
    def where(c: sqlite3.Connection, tag: str) -> tuple[int, str, int]:
        # sqlite3 refuses a connection used off its own thread, so this also proves it.
        return threading.get_ident(), tag, c.execute("SELECT 41 + 1").fetchone()[0]

    first = await run_on_thread(conn, where, "a")
    second = await run_on_thread(conn, where, "b")
    assert first[0] == second[0] != threading.get_ident()
    assert (first[1:], second[1:]) == (("a", 42), ("b", 42))


async def test_keeps_order_with_public_calls(conn: aiosqlite.Connection) -> None:
    await conn.execute("CREATE TABLE t (x)")
    insert = conn.execute("INSERT INTO t VALUES (1)")
    count = run_on_thread(conn, lambda c: c.execute("SELECT count(*) FROM t").fetchone()[0])
    # asyncio runs them in this order, so they reach the connection's queue in this order.
    _, seen = await asyncio.gather(insert, count)
    assert seen == 1


async def test_errors_reach_the_caller_unchanged(conn: aiosqlite.Connection) -> None:
    with pytest.raises(sqlite3.OperationalError, match="no such table"):
        await run_on_thread(conn, lambda c: c.execute("SELECT * FROM missing"))
    assert await run_on_thread(conn, lambda c: c.execute("SELECT 1").fetchone()[0]) == 1


async def test_runs_even_if_the_caller_is_cancelled(conn: aiosqlite.Connection) -> None:
    """The store queues ROLLBACK behind a cancelled statement; that needs the statement to run."""
    await conn.execute("CREATE TABLE t (x)")
    task = asyncio.ensure_future(
        run_on_thread(conn, lambda c: c.execute("INSERT INTO t VALUES (1)"))
    )
    await asyncio.sleep(0)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    rows = await run_on_thread(conn, lambda c: c.execute("SELECT count(*) FROM t").fetchone())
    assert rows[0] == 1, UPGRADE_HINT


async def test_refused_after_close() -> None:
    connection = await aiosqlite.connect(":memory:")
    await connection.close()
    with pytest.raises(ValueError):
        await run_on_thread(connection, lambda c: c)
