"""How each connection is set up when it opens (PRAGMAs)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from db.errors import StoreError
from db.sqlite.connection import pragma

# How long to wait for another process's write lock before giving up (seconds).
BUSY_TIMEOUT = 5.0


def configure_common(conn: sqlite3.Connection, busy_timeout: float) -> None:
    """Settings for the writer connection, also when it is opened read-only."""
    pragma(conn, f"busy_timeout = {int(busy_timeout * 1000)}")
    pragma(conn, "foreign_keys = ON")


def configure_writable(conn: sqlite3.Connection, path: Path) -> None:
    """Settings that change the file; only for a writer that may write."""
    mode = pragma(conn, "journal_mode = WAL")
    if str(mode).lower() != "wal":
        raise StoreError(
            "The bot's storage could not be set up.",
            detail=f"The database {path} could not switch to WAL mode (got {mode}).",
        )
    # WAL + NORMAL syncs at checkpoints, not at every commit: a commit is durable once
    # it is in the WAL file, so a crashed or killed process loses nothing; only a power
    # loss or OS crash can drop the last few commits, and the file stays consistent.
    pragma(conn, "synchronous = NORMAL")
    # Deleted rows are overwritten with zeros, so "delete my data" really removes it.
    pragma(conn, "secure_delete = ON")


def configure_reader(conn: sqlite3.Connection, busy_timeout: float) -> None:
    pragma(conn, f"busy_timeout = {int(busy_timeout * 1000)}")
    pragma(conn, "query_only = ON")
