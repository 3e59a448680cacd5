"""sqlite3 and OS errors as StoreErrors: a safe sentence for users, the rest for the logs."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

from db.errors import (
    BusyError,
    CorruptDatabaseError,
    DiskFullError,
    OutageError,
    ReadOnlyError,
    StoreError,
)


def translate(exc: sqlite3.Error, path: Path) -> StoreError:
    """The StoreError for an sqlite3 error; its detail names the file and SQLite's words."""
    code = getattr(exc, "sqlite_errorcode", None)
    primary = None if code is None else code & 0xFF
    if primary in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
        return CorruptDatabaseError(
            detail=f"The database file {path} is damaged or is not a SQLite database ({exc}). "
            "It was left untouched: restore a backup or move it aside.",
        )
    if primary == sqlite3.SQLITE_READONLY:
        return ReadOnlyError(
            detail=f"The database {path} is read-only ({exc}): check the file, its folder "
            "and the disk."
        )
    if primary == sqlite3.SQLITE_FULL:
        return DiskFullError(detail=f"The disk holding {path} is full ({exc}).")
    if primary in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return BusyError(
            detail=f"The database {path} stayed locked by another program for too long ({exc})."
        )
    if primary in (sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM, sqlite3.SQLITE_AUTH):
        return OutageError(
            "The bot's storage cannot be opened.",
            detail=f"The database {path} cannot be opened ({exc}): check that the file and its folder "
            "exist and that the bot may write to them.",
        )
    if primary == sqlite3.SQLITE_IOERR:
        return OutageError(
            "A disk error stopped the bot's storage.",
            detail=f"A disk error stopped the database {path}: {exc}.",
        )
    return StoreError(detail=f"The database {path} reported an error: {exc}.")


def from_os_error(exc: OSError, path: Path) -> StoreError:
    """The StoreError for a failure to read the file or create its folder."""
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return ReadOnlyError(detail=f"The folder for the database {path} cannot be written: {exc}.")
    if exc.errno == errno.ENOSPC:
        return DiskFullError(detail=f"The disk holding {path} is full: {exc}.")
    return OutageError(
        "The bot's storage cannot be opened.",
        detail=f"The database {path} cannot be opened: {exc}.",
    )
