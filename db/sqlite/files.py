"""Checks that keep the store from writing to a file that is not a healthy database."""

from __future__ import annotations

from pathlib import Path

import aiosqlite

from db.errors import CorruptDatabaseError, StoreError
from db.sqlite.connection import fetch, pragma, quiet_rollback
from db.sqlite.errors import from_os_error

HEADER = b"SQLite format 3\x00"


def check_header(path: Path) -> None:
    """Refuse a file that is not SQLite before SQLite opens it, so nothing can write to it."""
    try:
        with path.open("rb") as handle:
            head = handle.read(len(HEADER))
    except FileNotFoundError:
        return
    except IsADirectoryError:
        raise StoreError(
            "The bot's storage cannot be opened.",
            detail=f"The database path {path} is a folder, not a file.",
        ) from None
    except OSError as exc:
        raise from_os_error(exc, path) from exc
    # An empty file is a valid new database; anything else must carry the SQLite header.
    if head and head != HEADER:
        raise CorruptDatabaseError(
            detail=f"The file {path} is not a SQLite database. It was left untouched: "
            "point the bot at another path or move the file aside."
        )


def prepare_path(path: Path, read_only: bool) -> Path:
    """Checks made before SQLite sees the file; creates the folder for a new database."""
    path = path.expanduser().resolve()
    check_header(path)
    if read_only:
        if not path.is_file():
            raise StoreError(
                "There is no database to open read-only.",
                detail=f"There is no database at {path} to open read-only.",
            )
        return path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise from_os_error(exc, path) from exc
    return path


async def quick_check(conn: aiosqlite.Connection, path: Path) -> None:
    """Read the whole file once before anything writes to it.

    A damaged database is refused intact instead of being made worse. Cheap at this
    bot's sizes (MBs).
    """
    problems = [next(iter(row.values())) for row in await fetch(conn, "PRAGMA quick_check")]
    if problems != ["ok"]:
        raise CorruptDatabaseError(
            detail=f"The database file {path} is damaged ({problems[0]}). "
            "It was left untouched: restore a backup or move it aside."
        )


async def probe_writable(conn: aiosqlite.Connection) -> None:
    # SQLite silently opens an unwritable file read-only and only fails at the first
    # write; find out now so start-up reports it instead of the first user's command.
    await fetch(conn, "BEGIN IMMEDIATE")
    try:
        version = int(await pragma(conn, "user_version"))
        await fetch(conn, f"PRAGMA user_version = {version}")
    finally:
        await quiet_rollback(conn)
