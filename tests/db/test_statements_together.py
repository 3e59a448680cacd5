"""Statements handed to a connection together: the same rows as each run on its own."""

from __future__ import annotations

import asyncio
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiosqlite
import pytest

from db import ProfileUpdate, Store
from db.sqlite.batching import GROUP_FROM, Job, Writer, run_alone, run_in_one_transaction
from db.sqlite.connection import fetch, open_connection
from db.sqlite.reading import combined_sql
from db.sqlite.returning import Plan, RowCapture

pytestmark = pytest.mark.sqlite_only

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = "CREATE TABLE t (id INTEGER PRIMARY KEY, a INTEGER, b TEXT DEFAULT 'd')"
UPSERT = (
    "INSERT INTO t (id, a) VALUES (?, ?) "
    "ON CONFLICT (id) DO UPDATE SET a = t.a + excluded.a RETURNING *"
)


async def _writer(path: Path) -> Writer:
    conn = await open_connection(path, "rwc")
    await fetch(conn, SCHEMA)
    return Writer(conn, await RowCapture.install(conn))


@pytest.fixture
async def two_writers(tmp_path: Path) -> AsyncIterator[tuple[Writer, Writer]]:
    together, alone = await _writer(tmp_path / "a.db"), await _writer(tmp_path / "b.db")
    try:
        yield together, alone
    finally:
        await together.conn.close()
        await alone.conn.close()


def _upsert(row_id: int, a: int) -> Job:
    return [(UPSERT, (row_id, a))]


async def test_writes_run_together_return_what_each_returns_alone(
    two_writers: tuple[Writer, Writer], monkeypatch: pytest.MonkeyPatch
) -> None:
    together, alone = two_writers
    handed: list[int] = []
    tag = RowCapture.tag

    def spy(self: RowCapture, param_sets: list[Any]) -> tuple[int, list[tuple[Any, ...]]]:
        handed.append(len(param_sets))
        return tag(self, param_sets)

    monkeypatch.setattr(RowCapture, "tag", spy)
    jobs: list[Job] = [
        *(_upsert(n % 7, n) for n in range(30)),  # the same rows upserted again and again
        [("DELETE FROM t WHERE a < ? RETURNING id", (40,))],  # several rows, or none
        [("DELETE FROM t WHERE a < ? RETURNING id", (0,))],
        [("UPDATE t SET b = ? WHERE id = ?", ("x", 3))],  # no rows to return
        [("UPDATE t SET b = ? WHERE id = ?", ("y", 4))],
        *(_upsert(n, 1) for n in range(5, 9)),
        [("UPDATE t SET a = a * 2 WHERE id > ? RETURNING b, id", (4,))],
        [("UPDATE t SET a = a * 2 WHERE id > ? RETURNING b, id", (6,))],
    ]
    outcomes = await run_in_one_transaction(together, jobs)
    expected = [await run_alone(alone, job) for job in jobs]

    assert outcomes == expected
    assert all(error is None for error, _ in outcomes)
    assert handed == [30, 2, 4, 2]  # each run of one statement went over in one call
    assert await fetch(together.conn, "SELECT * FROM t ORDER BY id") == await fetch(
        alone.conn, "SELECT * FROM t ORDER BY id"
    )


async def test_a_failing_write_among_a_few_committed_one_by_one_costs_only_itself(
    two_writers: tuple[Writer, Writer],
) -> None:
    writer, _ = two_writers
    insert = "INSERT INTO t (id, a) VALUES (?, ?) RETURNING id"
    jobs: list[Job] = [[(insert, (1, 1))], [(insert, (1, 2))], [(insert, (2, 3))]]
    assert len(jobs) < GROUP_FROM  # each commits by itself, all in one executemany
    outcomes = await run_in_one_transaction(writer, jobs)
    assert [None if e is None else type(e) for e, _ in outcomes] == [
        None,
        sqlite3.IntegrityError,
        None,
    ]
    assert [rows for _, rows in outcomes] == [[[{"id": 1}]], None, [[{"id": 2}]]]
    assert await fetch(writer.conn, "SELECT id, a FROM t ORDER BY id") == [
        {"id": 1, "a": 1},
        {"id": 2, "a": 3},
    ]
    assert not writer.conn.in_transaction


async def test_a_parameter_set_of_the_wrong_length_fails_alone(
    two_writers: tuple[Writer, Writer],
) -> None:
    together, _ = two_writers
    # One value short: the row's tag must not slip into the missing value's place.
    jobs = [_upsert(1, 1), [(UPSERT, (2,))], _upsert(3, 3), _upsert(4, 4)]
    outcomes = await run_in_one_transaction(together, jobs)
    assert [error is None for error, _ in outcomes] == [True, False, True, True]
    assert await fetch(together.conn, "SELECT id, a FROM t ORDER BY id") == [
        {"id": 1, "a": 1},
        {"id": 3, "a": 3},
        {"id": 4, "a": 4},
    ]


async def test_rows_of_an_abandoned_run_are_not_taken_for_the_next(
    two_writers: tuple[Writer, Writer],
) -> None:
    writer, _ = two_writers
    plan = writer.capture.plan(UPSERT)
    assert plan is not None
    # A run whose caller stopped waiting: the thread ran it, nobody took its rows.
    _, abandoned = writer.capture.tag([(1, 10), (2, 20), (3, 30)])
    await writer.conn.executemany(plan.sql, abandoned)
    first, tagged = writer.capture.tag([(4, 40), (1, 1)])
    await writer.conn.executemany(plan.sql, tagged)
    assert writer.capture.take(plan, first, 2) == [
        [{"id": 4, "a": 40, "b": "d"}],
        [{"id": 1, "a": 11, "b": "d"}],
    ]


async def test_only_simple_returning_clauses_are_rewritten(tmp_path: Path) -> None:
    writer = await _writer(tmp_path / "t.db")
    try:
        plan = writer.capture.plan
        assert plan("insert into T (id) values (?) returning *") == Plan(
            'insert into T (id) values (?) RETURNING keep_row(?, "id", "a", "b")',
            ("id", "a", "b"),
            1,
        )
        assert plan("DELETE FROM t WHERE id = ? RETURNING b, id;") == Plan(
            "DELETE FROM t WHERE id = ? RETURNING keep_row(?, b, id)", ("b", "id"), 1
        )
        assert plan("UPDATE t SET a = ?, b = ?") == Plan("UPDATE t SET a = ?, b = ?", None, 2)
        for sql in [
            "SELECT * FROM t WHERE id = ?",  # not a write
            "DELETE FROM t WHERE id = ? RETURNING id AS gone",  # an alias
            "DELETE FROM t WHERE id = ? RETURNING a + 1",  # an expression
            "DELETE FROM missing WHERE id = ? RETURNING *",  # columns unknown
            "DELETE FROM t WHERE id = ?1 RETURNING id",  # a numbered parameter
            "DELETE FROM t WHERE b = 'RETURNING'",  # the word, not the clause
            "WITH x AS (SELECT 1) DELETE FROM t RETURNING id",
        ]:
            assert plan(sql) is None, sql
    finally:
        await writer.conn.close()


def test_only_reads_that_stand_in_a_compound_unchanged_are_combined() -> None:
    assert combined_sql("SELECT DISTINCT a FROM t WHERE id = ?", 2) == (
        "SELECT DISTINCT ?, a FROM t WHERE id = ? UNION ALL SELECT DISTINCT ?, a FROM t WHERE id = ?"
    )
    for sql in [
        "SELECT * FROM t ORDER BY id",
        "SELECT * FROM t LIMIT ?",
        "SELECT a FROM t UNION SELECT b FROM t",
        "WITH x AS (SELECT 1) SELECT * FROM x",
        "SELECT * FROM t WHERE id = :id",
        "PRAGMA integrity_check",
    ]:
        assert combined_sql(sql, 2) is None, sql


async def _traced(conn: aiosqlite.Connection) -> list[str]:
    statements: list[str] = []
    await conn.set_trace_callback(statements.append)
    return statements


async def test_reads_waiting_together_share_one_statement_and_keep_their_own_rows(
    store: Store,
) -> None:
    for n in range(20):
        await store.profiles.upsert(n, ProfileUpdate(location=f"city-{n}", skills=[str(n)]))
        for k in range(3):
            await store.history.add(n, {"k": k}, {"n": n})
    alone = [await store.history.recent(n) for n in range(20)]
    traced = await _traced(store.backend._reader.conn)  # type: ignore[attr-defined]

    profiles, missing, recent = await asyncio.gather(
        asyncio.gather(*(store.profiles.get(n) for n in range(20))),
        store.profiles.get(999),
        asyncio.gather(*(store.history.recent(n) for n in range(20))),
    )

    assert [p.location if p else None for p in profiles] == [f"city-{n}" for n in range(20)]
    assert [list(p.skills) if p else None for p in profiles] == [[str(n)] for n in range(20)]
    assert missing is None
    assert recent == alone  # ORDER BY ... LIMIT reads run as written, in their own order
    assert any(" UNION ALL " in sql for sql in traced)
    assert len(traced) < 20 + 1 + 20 - 10


async def test_a_failing_combined_read_reports_its_own_error(store: Store) -> None:
    await store.meta.set("k", "v")
    reads = [store.backend.read_one("SELECT value FROM meta WHERE key = ?", (k,)) for k in "kx"]
    # Values SQLite cannot bind fail the combined statement; each read then runs alone.
    bad = store.backend.read_one("SELECT value FROM meta WHERE key = ?", (object(),))
    first, second, error = await asyncio.gather(*reads, bad, return_exceptions=True)
    assert first == {"value": "v"} and second is None
    assert isinstance(error, Exception)


def test_a_store_never_closed_does_not_keep_the_process_alive(db_path: Path) -> None:
    script = textwrap.dedent(
        """
        import asyncio, sys
        from db import ProfileUpdate, Store

        async def main():
            store = await Store.open(sys.argv[1])
            await store.profiles.upsert(1, ProfileUpdate(location="berlin"))

        asyncio.run(main())
        print("done", flush=True)
        """
    )
    finished = subprocess.run(
        [sys.executable, "-c", script, str(db_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr
    assert finished.stdout == "done\n"
