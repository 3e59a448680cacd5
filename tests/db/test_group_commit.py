"""Group commit: writes that wait together share one transaction but keep their own fate."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from db import (
    BusyError,
    DiskFullError,
    ProfileUpdate,
    Store,
    StoreClosedError,
    StoreError,
)
from db.sqlite import batching
from db.sqlite.batching import Writer
from db.sqlite.connection import fetch, open_connection
from db.sqlite.returning import RowCapture

# Group commit is how the SQLite backend batches writes; PostgreSQL commits each on its own.
pytestmark = pytest.mark.sqlite_only


@pytest.fixture
def batches(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Sizes of the write batches run by stores opened after this fixture."""
    sizes: list[int] = []
    real = batching.run_in_one_transaction

    async def spy(writer: Writer, jobs: list[Any]) -> list[Any]:
        sizes.append(len(jobs))
        return await real(writer, jobs)

    monkeypatch.setattr(batching, "run_in_one_transaction", spy)
    return sizes


async def _count(store: Store, sql: str) -> int:
    row = await store.backend.read_one(sql)
    assert row is not None
    return int(row["c"])


async def test_one_bad_write_among_100_fails_alone(db_path: Path, batches: list[int]) -> None:
    async with await Store.open(db_path) as store:
        # history.query is NOT NULL, so this insert fails inside the batch.
        bad = store.backend.write("INSERT INTO history (user_id) VALUES (?) RETURNING *", (1,))
        good = [store.profiles.upsert(n, ProfileUpdate(location=f"city-{n}")) for n in range(99)]
        results = await asyncio.gather(*good[:50], bad, *good[50:], return_exceptions=True)

        assert max(batches) > 50  # they really shared a transaction
        errors = [r for r in results if isinstance(r, BaseException)]
        assert len(errors) == 1 and results[50] is errors[0]
        assert isinstance(errors[0], StoreError)
        for n in range(99):
            profile = await store.profiles.get(n)
            assert profile is not None and profile.location == f"city-{n}"
        assert await _count(store, "SELECT count(*) AS c FROM history") == 0


async def test_disk_full_mid_batch_saves_exactly_what_was_reported(
    db_path: Path, batches: list[int]
) -> None:
    async with await Store.open(db_path) as store:
        backend: Any = store.backend
        pages = await _count(store, "SELECT page_count AS c FROM pragma_page_count")
        await backend.set_page_limit(pages + 6)  # room for a few big profiles, not 300
        big = ProfileUpdate(location="x" * 190, skills=["y" * 90] * 40)
        before = len(batches)
        results = await asyncio.gather(
            *(store.profiles.upsert(1000 + n, big) for n in range(300)), return_exceptions=True
        )

        assert max(batches[before:]) > 1
        saved = [r for r in results if not isinstance(r, BaseException)]
        failed = [r for r in results if isinstance(r, BaseException)]
        assert saved and failed
        assert all(isinstance(e, DiskFullError) for e in failed), failed
        stored = await backend.read_all("SELECT user_id FROM profiles WHERE user_id >= 1000")
        assert sorted(row["user_id"] for row in stored) == sorted(p.user_id for p in saved)
        assert await backend.integrity_check() == ["ok"]

        # With room again the same store carries on.
        await backend.set_page_limit(1_000_000)
        await store.profiles.upsert(999, big)
        assert await store.profiles.get(999) is not None


async def test_lost_transaction_reruns_each_write_alone(tmp_path: Path) -> None:
    """If one job takes the whole transaction down, the others are redone on their own."""
    conn = await open_connection(tmp_path / "t.db", "rwc")
    await fetch(conn, "CREATE TABLE t (x PRIMARY KEY)")

    def insert(value: int, conflict: str = "") -> list[tuple[str, tuple[int]]]:
        return [(f"INSERT {conflict} INTO t VALUES (?) RETURNING x", (value,))]

    # OR ROLLBACK ends the whole transaction on a conflict, as SQLITE_FULL or an I/O
    # error can; the inserts after it must not commit on their own.
    jobs = [insert(1), insert(2), insert(1, "OR ROLLBACK"), insert(3), insert(1)]
    try:
        writer = Writer(conn, await RowCapture.install(conn))
        outcomes = await batching.run_in_one_transaction(writer, jobs)

        assert [None if e is None else type(e) for e, _ in outcomes] == [
            None,
            None,
            sqlite3.IntegrityError,
            None,
            sqlite3.IntegrityError,
        ]
        assert [r for _, r in outcomes] == [[[{"x": 1}]], [[{"x": 2}]], None, [[{"x": 3}]], None]
        assert await fetch(conn, "SELECT x FROM t ORDER BY x") == [{"x": 1}, {"x": 2}, {"x": 3}]
        assert not conn.in_transaction
    finally:
        await conn.close()


async def test_write_cancelled_before_it_runs_is_never_written(store: Store) -> None:
    async with store.backend.transaction() as tx:  # holds the writer: the writes below queue
        await tx.execute("INSERT INTO meta (key, value) VALUES ('in-tx', '1')")
        cancelled = asyncio.create_task(store.meta.set("cancelled", "1"))
        kept = asyncio.create_task(store.meta.set("kept", "1"))
        await asyncio.sleep(0.05)
        assert not cancelled.done() and not kept.done()
        cancelled.cancel()
        with pytest.raises(asyncio.CancelledError):
            await cancelled
    await kept
    await store.meta.set("after", "1")
    assert await store.meta.get("cancelled") is None
    assert [await store.meta.get(k) for k in ("in-tx", "kept", "after")] == ["1", "1", "1"]


async def test_busy_reaches_the_whole_batch_and_the_store_recovers(
    db_path: Path, batches: list[int]
) -> None:
    async with await Store.open(db_path, busy_timeout=0.2) as store:
        other = sqlite3.connect(db_path, isolation_level=None)
        try:
            other.execute("BEGIN IMMEDIATE")
            before = len(batches)
            results = await asyncio.gather(
                *(store.meta.set(f"b{n}", "v") for n in range(10)), return_exceptions=True
            )
            assert batches[before:] == [10]
            assert all(isinstance(r, BusyError) for r in results), results
            other.execute("ROLLBACK")
        finally:
            other.close()
        await asyncio.gather(*(store.meta.set(f"c{n}", "v") for n in range(10)))
        assert [await store.meta.get(f"c{n}") for n in range(10)] == ["v"] * 10
        assert [await store.meta.get(f"b{n}") for n in range(10)] == [None] * 10


async def test_writes_queued_before_close_are_committed(db_path: Path) -> None:
    store = await Store.open(db_path)
    pending = [asyncio.create_task(store.meta.set(f"q{n}", "v")) for n in range(30)]
    history = asyncio.create_task(store.history.add(1, {"n": 1}, {}))  # a transaction too
    await asyncio.sleep(0)  # all of them are queued, none has run
    await store.close()
    await asyncio.gather(*pending, history)
    with pytest.raises(StoreClosedError):
        await store.meta.set("late", "v")

    async with await Store.open(db_path) as reopened:
        assert [await reopened.meta.get(f"q{n}") for n in range(30)] == ["v"] * 30
        assert await reopened.history.last(1) is not None
        assert await reopened.backend.integrity_check() == ["ok"]  # type: ignore[attr-defined]


async def test_history_entries_join_the_group_commit_all_or_nothing(
    db_path: Path, batches: list[int]
) -> None:
    async with await Store.open(db_path) as store:
        adds = [store.history.add(n, {"role": "ml_engineer"}, {"median": n}) for n in range(40)]
        # The insert succeeds, the second statement fails: neither may stay.
        broken = store.backend.write_all(
            [
                (
                    "INSERT INTO history (user_id, query, headline, created_at) "
                    "VALUES (?, '{}', '{}', 0) RETURNING *",
                    (999,),
                ),
                ("INSERT INTO history (user_id) VALUES (?)", (999,)),
            ]
        )
        results = await asyncio.gather(*adds, broken, return_exceptions=True)

        assert max(batches) > 20, "history writes share a transaction instead of the lock"
        assert isinstance(results[-1], StoreError)
        assert all(not isinstance(r, BaseException) for r in results[:-1])
        assert await store.history.recent(999) == []
        for n in range(40):
            assert [e.headline["median"] for e in await store.history.recent(n)] == [n]
