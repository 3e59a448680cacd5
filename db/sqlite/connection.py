"""Opening an aiosqlite connection and the few statements every part of the backend runs.

aiosqlite keeps each sqlite3 connection on a thread of its own and runs the statements
handed to it in the order they were handed, each one even if its caller stopped waiting.
That order is what lets several statements be handed over at once (a pipeline): the
thread runs them back to back while the event loop waits once for all of them.
"""

from __future__ import annotations

import asyncio
import sqlite3
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal
from urllib.parse import quote

import aiosqlite

from db.backend import Params, Row

Mode = Literal["ro", "rwc"]


async def open_connection(
    path: Path, mode: Mode, *, autocommit: bool = False
) -> aiosqlite.Connection:
    """A connection to the file at `path`.

    Unless `autocommit`, every statement that changes rows, run outside a transaction,
    opens one (BEGIN IMMEDIATE) that only COMMIT or ROLLBACK ends: so a write can never
    commit on its own after an error has ended the transaction it was meant for
    (db/sqlite/batching.py). With `autocommit`, each statement outside a transaction is
    committed as it runs: one statement, one hand-over to the thread.
    """
    conn = await aiosqlite.connect(
        f"file:{quote(str(path))}?mode={mode}",
        uri=True,
        isolation_level=None if autocommit else "IMMEDIATE",
    )
    conn.row_factory = sqlite3.Row
    return conn


@dataclass(frozen=True)
class Writer:
    """The two connections this process writes through, never both at once.

    `batches` runs transactions (group commits, multi-statement writes); `solo` runs a
    write of one statement that waited alone, committed by SQLite as it runs. Whoever
    writes holds GroupCommit.lock, so the two never wait for each other's lock.
    """

    batches: aiosqlite.Connection
    solo: aiosqlite.Connection


async def fetch(conn: aiosqlite.Connection, sql: str, params: Params = ()) -> list[Row]:
    return [dict(row) for row in await conn.execute_fetchall(sql, params)]


async def count(conn: aiosqlite.Connection, sql: str, params: Params = ()) -> int:
    """Run a statement; the number of rows it changed."""
    # Both handed over together: nothing can run between the statement and changes().
    _, changed = await asyncio.gather(
        fetch(conn, sql, params), fetch(conn, "SELECT changes() AS n")
    )
    return int(changed[0]["n"])


async def pragma(conn: aiosqlite.Connection, statement: str) -> Any:
    """The first value a PRAGMA returns, or None."""
    rows = await fetch(conn, f"PRAGMA {statement}")
    return next(iter(rows[0].values())) if rows else None


async def quiet_rollback(conn: aiosqlite.Connection) -> None:
    """End any open transaction; errors such as SQLITE_FULL may already have ended it."""
    with suppress(sqlite3.Error):
        await conn.rollback()
