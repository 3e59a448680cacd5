"""Opening an aiosqlite connection and the few statements every part of the backend runs.

aiosqlite keeps each sqlite3 connection on a thread of its own and runs what it is
handed in the order handed, each call even if its caller stopped waiting: a ROLLBACK
handed over behind a cancelled statement still finds that statement done.
"""

from __future__ import annotations

import sqlite3
import threading
from contextlib import suppress
from pathlib import Path
from typing import Any, Literal
from urllib.parse import quote

import aiosqlite

from db.backend import Params, Row

Mode = Literal["ro", "rwc"]


def _unopened(path: Path, mode: Mode) -> aiosqlite.Connection:
    """The connection object, whose worker thread is created here but not yet started."""
    # isolation_level=None: no implicit transactions; the backend issues BEGIN itself, so
    # a statement outside one commits as it runs.
    return aiosqlite.connect(f"file:{quote(str(path))}?mode={mode}", uri=True, isolation_level=None)


async def open_connection(path: Path, mode: Mode) -> aiosqlite.Connection:
    """A connection to the file at `path`, rows as sqlite3.Row."""
    # aiosqlite's worker thread is not a daemon (0.22), and a thread is a daemon when the
    # thread that creates it is (threading.Thread's documented default). Created from a
    # short-lived daemon thread, it cannot keep the process from exiting if a store is
    # never closed; close() still ends it the ordinary way.
    made: list[aiosqlite.Connection] = []
    maker = threading.Thread(target=lambda: made.append(_unopened(path, mode)), daemon=True)
    maker.start()
    maker.join()
    conn = await made[0]
    conn.row_factory = sqlite3.Row
    return conn


async def fetch(conn: aiosqlite.Connection, sql: str, params: Params = ()) -> list[Row]:
    return [dict(row) for row in await conn.execute_fetchall(sql, params)]


async def count(conn: aiosqlite.Connection, sql: str, params: Params = ()) -> int:
    """Run a statement; the number of rows it changed."""
    cursor = await conn.execute(sql, params)
    return int(cursor.rowcount)


async def pragma(conn: aiosqlite.Connection, statement: str) -> Any:
    """The first value a PRAGMA returns, or None."""
    rows = await fetch(conn, f"PRAGMA {statement}")
    return next(iter(rows[0].values())) if rows else None


async def quiet_rollback(conn: aiosqlite.Connection) -> None:
    """End any open transaction; errors such as SQLITE_FULL may already have ended it."""
    with suppress(sqlite3.Error, ValueError):  # ValueError: the connection is closed
        await conn.execute("ROLLBACK")
