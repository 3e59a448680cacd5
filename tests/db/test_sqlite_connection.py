"""The SQLite connections: each on a thread of its own, in order, and nothing left behind."""

from __future__ import annotations

import asyncio
import threading
import time
from pathlib import Path

import pytest

from db import ProfileUpdate, Store, StoreClosedError, StoreError
from db.sqlite.connection import fetch, open_connection

pytestmark = pytest.mark.sqlite_only

# A read that keeps SQLite busy for a while (a long recursive count) without touching disk.
SLOW_READ = (
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000000) "
    "SELECT count(*) AS c FROM n"
)


async def test_a_slow_statement_does_not_hold_up_the_event_loop(store: Store) -> None:
    ticks = 0

    async def tick() -> None:
        nonlocal ticks
        while True:
            await asyncio.sleep(0.005)
            ticks += 1

    ticker = asyncio.create_task(tick())
    started = time.perf_counter()
    row = await store.backend.read_one(SLOW_READ)
    took = time.perf_counter() - started
    ticker.cancel()
    assert row == {"c": 3000000}
    assert took > 0.05, "the read was too quick to tell"
    assert ticks >= took / 0.005 / 4, (ticks, took)


async def test_writes_run_in_the_order_made(store: Store) -> None:
    writes = [store.meta.set("order", str(n)) for n in range(50)]
    await asyncio.gather(*writes)
    assert await store.meta.get("order") == "49"


async def test_statements_handed_over_together_run_in_order(tmp_path: Path) -> None:
    conn = await open_connection(tmp_path / "t.db", "rwc")
    try:
        await fetch(conn, "CREATE TABLE t (x)")
        inserts = [fetch(conn, "INSERT INTO t VALUES (?)", (n,)) for n in range(50)]
        seen = fetch(conn, "SELECT x FROM t ORDER BY rowid")
        *_, rows = await asyncio.gather(*inserts, seen)
        assert [row["x"] for row in rows] == list(range(50))
        await conn.rollback()
    finally:
        await conn.close()


async def test_a_statement_runs_even_if_its_caller_is_cancelled(store: Store) -> None:
    """A transaction cancelled mid-statement is rolled back behind it; the writer carries on."""
    started = asyncio.Event()

    async def cancelled_transaction() -> None:
        async with store.backend.transaction() as tx:
            await tx.execute("INSERT INTO meta (key, value) VALUES ('gone', '1')")
            started.set()
            await tx.fetch_all(SLOW_READ)

    task = asyncio.create_task(cancelled_transaction())
    await started.wait()
    await asyncio.sleep(0.01)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    await store.meta.set("after", "1")
    assert await store.meta.get("gone") is None
    assert await store.meta.get("after") == "1"


def _threads() -> set[threading.Thread]:
    """Live threads, less the event loop's pool (asyncio.to_thread), which outlives a store."""
    return {
        thread
        for thread in threading.enumerate()
        if thread.is_alive() and not thread.name.startswith("asyncio_")
    }


async def test_close_ends_both_connection_threads_and_refuses_later_calls(
    db_path: Path,
) -> None:
    before = _threads()
    store = await Store.open(db_path)
    assert len(_threads() - before) == 2  # the writer's and the reader's
    await store.profiles.upsert(1, ProfileUpdate(location="berlin"))
    await store.close()
    for thread in _threads() - before:
        thread.join(timeout=5)
    assert _threads() - before == set()
    with pytest.raises(StoreClosedError):
        await store.profiles.get(1)
    await store.close()  # closing again is harmless


async def test_a_failed_open_leaves_no_thread_behind(tmp_path: Path) -> None:
    before = _threads()
    folder = tmp_path / "not-a-file.db"
    folder.mkdir()
    with pytest.raises(StoreError):
        await Store.open(folder)
    (tmp_path / "bad.db").write_bytes(b"SQLite format 3\x00" + b"\xff" * 2000)
    with pytest.raises(StoreError):
        await Store.open(tmp_path / "bad.db")
    for thread in _threads() - before:
        thread.join(timeout=5)
    assert _threads() - before == set()
