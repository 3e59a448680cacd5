"""How each connection is set up when it opens (PRAGMAs)."""

from __future__ import annotations

from pathlib import Path

import aiosqlite

from db.errors import StoreError
from db.sqlite.connection import pragma

# How long to wait for another process's write lock before giving up (seconds).
BUSY_TIMEOUT = 5.0


async def configure_common(conn: aiosqlite.Connection, busy_timeout: float) -> None:
    """Settings for the writer connection, also when it is opened read-only."""
    await pragma(conn, f"busy_timeout = {int(busy_timeout * 1000)}")
    await pragma(conn, "foreign_keys = ON")


async def configure_writable(conn: aiosqlite.Connection, path: Path) -> None:
    """Settings that change the file; only for a writer that may write."""
    mode = await pragma(conn, "journal_mode = WAL")
    if str(mode).lower() != "wal":
        raise StoreError(
            "The bot's storage could not be set up.",
            detail=f"The database {path} could not switch to WAL mode (got {mode}).",
        )
    # WAL + NORMAL syncs at checkpoints, not at every commit: a commit is durable once
    # it is in the WAL file, so a crashed or killed process loses nothing; only a power
    # loss or OS crash can drop the last few commits, and the file stays consistent.
    await pragma(conn, "synchronous = NORMAL")
    # Deleted rows are overwritten with zeros, so "delete my data" really removes it.
    await pragma(conn, "secure_delete = ON")


async def configure_reader(conn: aiosqlite.Connection, busy_timeout: float) -> None:
    await pragma(conn, f"busy_timeout = {int(busy_timeout * 1000)}")
    await pragma(conn, "query_only = ON")
