"""SQLite backend: file checks, connection settings, migrations, write serialisation, errors.

Everything SQLite-specific lives here so the repositories stay portable SQL.
"""

from __future__ import annotations

import asyncio
import errno
import re
import sqlite3
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager, suppress
from pathlib import Path
from typing import Any, NoReturn
from urllib.parse import quote

import aiosqlite

from db.backend import Params, Row
from db.errors import (
    BusyError,
    CorruptDatabaseError,
    DiskFullError,
    MigrationError,
    NewerSchemaError,
    ReadOnlyError,
    StoreClosedError,
    StoreError,
)
from db.schema import Migration

_HEADER = b"SQLite format 3\x00"
# How long to wait for another process's write lock before giving up (seconds).
BUSY_TIMEOUT = 5.0


def translate(exc: sqlite3.Error, path: Path) -> StoreError:
    """Turn an sqlite3 error into a StoreError whose message says what to do about it."""
    code = getattr(exc, "sqlite_errorcode", None)
    primary = None if code is None else code & 0xFF
    if primary in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
        return CorruptDatabaseError(
            f"The database file {path} is damaged or is not a SQLite database. "
            "It was left untouched: restore a backup or move it aside."
        )
    if primary == sqlite3.SQLITE_READONLY:
        return ReadOnlyError(
            f"The database {path} is read-only (check the file, its folder and the disk), "
            "so nothing was saved."
        )
    if primary == sqlite3.SQLITE_FULL:
        return DiskFullError(f"The disk holding {path} is full, so the change was not saved.")
    if primary in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return BusyError(
            f"The database {path} stayed locked by another program for too long; "
            "please try again in a moment."
        )
    if primary in (sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM, sqlite3.SQLITE_AUTH):
        return StoreError(
            f"The database {path} cannot be opened: check that its folder exists and is usable."
        )
    if primary == sqlite3.SQLITE_IOERR:
        return StoreError(f"A disk error stopped the database {path}: {exc}.")
    return StoreError(f"The database {path} reported an error: {exc}.")


def _from_os_error(exc: OSError, path: Path) -> StoreError:
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return ReadOnlyError(f"The folder for the database {path} cannot be written: {exc}.")
    if exc.errno == errno.ENOSPC:
        return DiskFullError(f"The disk holding {path} is full: {exc}.")
    return StoreError(f"The database {path} cannot be opened: {exc}.")


def check_header(path: Path) -> None:
    """Refuse a file that is not SQLite before SQLite opens it, so nothing can write to it."""
    try:
        with path.open("rb") as handle:
            head = handle.read(len(_HEADER))
    except FileNotFoundError:
        return
    except IsADirectoryError:
        raise StoreError(f"The database path {path} is a folder, not a file.") from None
    except OSError as exc:
        raise _from_os_error(exc, path) from exc
    # An empty file is a valid new database; anything else must carry the SQLite header.
    if head and head != _HEADER:
        raise CorruptDatabaseError(
            f"The file {path} is not a SQLite database. "
            "It was left untouched: point the bot at another path or move the file aside."
        )


def _prepare_path(path: Path, read_only: bool) -> Path:
    """Checks made before SQLite sees the file; creates the folder for a new database."""
    path = path.expanduser().resolve()
    check_header(path)
    if read_only:
        if not path.is_file():
            raise StoreError(f"There is no database at {path} to open read-only.")
        return path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _from_os_error(exc, path) from exc
    return path


def split_statements(sql: str) -> list[str]:
    """Split a script into statements using SQLite's own completeness test (handles triggers)."""
    statements: list[str] = []
    buffer = ""
    for part in re.split(r"(;)", sql):
        buffer += part
        if part == ";" and sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if _strip_comments(buffer).strip():
        raise MigrationError(f"Unterminated SQL statement in migration: {buffer.strip()[:80]!r}")
    return statements


def _strip_comments(sql: str) -> str:
    return re.sub(r"--[^\n]*|/\*.*?\*/", "", sql, flags=re.DOTALL)


class _Tx:
    """The statements of one write transaction, all on the writer connection."""

    def __init__(self, backend: SqliteBackend) -> None:
        self._backend = backend

    async def fetch_all(self, sql: str, params: Params = ()) -> list[Row]:
        return await self._backend._run_write(sql, params)

    async def fetch_one(self, sql: str, params: Params = ()) -> Row | None:
        rows = await self._backend._run_write(sql, params)
        return rows[0] if rows else None

    async def execute(self, sql: str, params: Params = ()) -> int:
        return await self._backend._run_count(sql, params)


class SqliteBackend:
    """One writer connection (writes serialised by a lock) and one read-only reader.

    In WAL mode readers never block the writer and the writer never blocks readers,
    so reads go to their own connection (and its own thread) and never queue behind
    writes. All writes in this process go through one connection and one asyncio.Lock,
    so they cannot contend for SQLite's lock; BEGIN IMMEDIATE takes the write lock up
    front, so a transaction never fails halfway to upgrade it, and busy_timeout covers
    other processes (a backup tool, the CLI).
    """

    def __init__(
        self,
        path: Path,
        writer: aiosqlite.Connection,
        reader: aiosqlite.Connection,
        read_only: bool,
    ) -> None:
        self.path = path
        self.read_only = read_only
        self._writer = writer
        self._reader = reader
        self._write_lock = asyncio.Lock()
        self._closed = False

    # -- opening ----------------------------------------------------------------------

    @classmethod
    async def open(
        cls,
        path: str | Path,
        migrations: Sequence[Migration],
        *,
        read_only: bool = False,
        busy_timeout: float = BUSY_TIMEOUT,
    ) -> SqliteBackend:
        path = await asyncio.to_thread(_prepare_path, Path(path), read_only)
        opened: list[aiosqlite.Connection] = []
        try:
            writer = await _connect(path, "ro" if read_only else "rwc")
            opened.append(writer)
            await _configure(writer, path, read_only=read_only, busy_timeout=busy_timeout)
            await _migrate(writer, path, migrations, read_only=read_only)
            if not read_only:
                await _probe_writable(writer)
            if read_only:
                reader = writer
            else:
                reader = await _connect(path, "ro")
                opened.append(reader)
                await _configure_reader(reader, busy_timeout)
        except sqlite3.Error as exc:
            await _close_all(opened)
            raise translate(exc, path) from exc
        except BaseException:
            await _close_all(opened)
            raise
        return cls(path, writer, reader, read_only)

    # -- the Backend protocol ---------------------------------------------------------

    async def read_all(self, sql: str, params: Params = ()) -> list[Row]:
        self._check_open()
        try:
            rows = await self._reader.execute_fetchall(sql, params)
        except sqlite3.Error as exc:
            raise translate(exc, self.path) from exc
        return [dict(row) for row in rows]

    async def read_one(self, sql: str, params: Params = ()) -> Row | None:
        rows = await self.read_all(sql, params)
        return rows[0] if rows else None

    async def write(self, sql: str, params: Params = ()) -> list[Row]:
        # A single statement is atomic on its own (SQLite wraps it in an implicit
        # transaction that takes the write lock before reading), so it skips the two
        # extra round trips of BEGIN IMMEDIATE/COMMIT. The lock keeps it out of any
        # multi-statement transaction open on the same connection.
        async with self._write_lock:
            return await self._run_write(sql, params)

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[_Tx]:
        async with self._write_lock:
            await self._run_count("BEGIN IMMEDIATE", ())
            try:
                yield _Tx(self)
            except BaseException:
                await self._rollback()
                raise
            try:
                await self._run_count("COMMIT", ())
            except BaseException:
                await self._rollback()
                raise

    async def forget_deleted(self) -> None:
        # secure_delete already zeroes freed bytes in the pages; the WAL still holds old page images
        # until a checkpoint copies the new ones back and truncates it. Best effort:
        # with readers mid-transaction the checkpoint finishes at a later commit.
        async with self._write_lock:
            await self._run_write("PRAGMA wal_checkpoint(TRUNCATE)", ())

    async def close(self) -> None:
        if self._closed:
            return
        async with self._write_lock:
            self._closed = True
            distinct = {id(conn): conn for conn in (self._reader, self._writer)}
            connections = list(distinct.values())
            await _close_all(connections)

    # -- SQLite-only extras -----------------------------------------------------------

    async def set_page_limit(self, pages: int) -> int:
        """Cap the file at `pages` pages (a quota; tests use it to simulate a full disk)."""
        # PRAGMA values cannot be bound as parameters; int() keeps this injection-free.
        async with self._write_lock:
            rows = await self._run_write(f"PRAGMA max_page_count = {int(pages)}", ())
        return int(next(iter(rows[0].values())))

    async def integrity_check(self) -> list[str]:
        rows = await self.read_all("PRAGMA integrity_check")
        return [str(next(iter(row.values()))) for row in rows]

    # -- internals --------------------------------------------------------------------

    def _check_open(self) -> None:
        if self._closed:
            raise StoreClosedError()

    async def _run_write(self, sql: str, params: Params) -> list[Row]:
        self._check_open()
        try:
            rows = await self._writer.execute_fetchall(sql, params)
        except sqlite3.Error as exc:
            raise translate(exc, self.path) from exc
        return [dict(row) for row in rows]

    async def _run_count(self, sql: str, params: Params) -> int:
        self._check_open()
        try:
            async with self._writer.execute(sql, params) as cursor:
                return cursor.rowcount
        except sqlite3.Error as exc:
            raise translate(exc, self.path) from exc

    async def _rollback(self) -> None:
        # Errors such as SQLITE_FULL may already have rolled the transaction back.
        with suppress(sqlite3.Error):
            await self._writer.execute("ROLLBACK")


async def _connect(path: Path, mode: str) -> aiosqlite.Connection:
    uri = f"file:{quote(str(path))}?mode={mode}"
    # isolation_level=None: no implicit transactions; this module issues BEGIN itself.
    conn = await aiosqlite.connect(uri, uri=True, isolation_level=None)
    conn.row_factory = sqlite3.Row
    return conn


async def _pragma(conn: aiosqlite.Connection, statement: str) -> Any:
    rows = list(await conn.execute_fetchall(f"PRAGMA {statement}"))
    return rows[0][0] if rows else None


async def _configure(
    conn: aiosqlite.Connection, path: Path, *, read_only: bool, busy_timeout: float
) -> None:
    await _pragma(conn, f"busy_timeout = {int(busy_timeout * 1000)}")
    await _pragma(conn, "foreign_keys = ON")
    # Read the whole file once before anything writes to it: a damaged database is
    # refused intact instead of being made worse. Cheap at this bot's sizes (MBs).
    problems = [row[0] for row in await conn.execute_fetchall("PRAGMA quick_check")]
    if problems != ["ok"]:
        raise CorruptDatabaseError(
            f"The database file {path} is damaged ({problems[0]}). "
            "It was left untouched: restore a backup or move it aside."
        )
    if read_only:
        return
    mode = await _pragma(conn, "journal_mode = WAL")
    if str(mode).lower() != "wal":
        raise StoreError(f"The database {path} could not switch to WAL mode (got {mode}).")
    # WAL + NORMAL syncs at checkpoints, not at every commit: a commit is durable once
    # it is in the WAL file, so a crashed or killed process loses nothing; only a power
    # loss or OS crash can drop the last few commits, and the file stays consistent.
    await _pragma(conn, "synchronous = NORMAL")
    # Deleted rows are overwritten with zeros, so "delete my data" really removes it.
    await _pragma(conn, "secure_delete = ON")


async def _configure_reader(conn: aiosqlite.Connection, busy_timeout: float) -> None:
    await _pragma(conn, f"busy_timeout = {int(busy_timeout * 1000)}")
    await _pragma(conn, "query_only = ON")


async def _migrate(
    conn: aiosqlite.Connection, path: Path, migrations: Sequence[Migration], *, read_only: bool
) -> None:
    latest = len(migrations)
    current = int(await _pragma(conn, "user_version"))
    if current > latest:
        raise NewerSchemaError(
            f"The database {path} was written by a newer version of the bot (schema "
            f"{current}; this version knows up to {latest}). Upgrade the bot, or restore "
            "a backup from before."
        )
    if current < latest and read_only:
        raise ReadOnlyError(
            f"The database {path} needs upgrading to schema {latest} but was opened read-only."
        )
    for migration in migrations[current:]:
        await _apply(conn, path, migration)


async def _apply(conn: aiosqlite.Connection, path: Path, migration: Migration) -> None:
    """Apply one migration and bump user_version in the same transaction."""
    statements = split_statements(migration.sql)
    label = f"{migration.version:03d}_{migration.name}"
    await conn.execute("BEGIN IMMEDIATE")
    try:
        # Another process may have migrated while this one waited for the lock.
        if int(await _pragma(conn, "user_version")) >= migration.version:
            await conn.execute("ROLLBACK")
            return
        for statement in statements:
            await conn.execute(statement)
        await conn.execute(f"PRAGMA user_version = {int(migration.version)}")
        await conn.execute("COMMIT")
    except sqlite3.Error as exc:
        await _quiet_rollback(conn)
        _raise_migration_error(exc, path, label, migration.version - 1)
    except BaseException:
        await _quiet_rollback(conn)
        raise


def _raise_migration_error(exc: sqlite3.Error, path: Path, label: str, version: int) -> NoReturn:
    error = translate(exc, path)
    if type(error) is not StoreError:
        raise error from exc  # read-only, full, busy, corrupt: say that, not "bad migration"
    raise MigrationError(
        f"Upgrading the database {path} failed in migration {label}: {exc}. "
        f"It was left unchanged at schema version {version}."
    ) from exc


async def _probe_writable(conn: aiosqlite.Connection) -> None:
    # SQLite silently opens an unwritable file read-only and only fails at the first
    # write; find out now so start-up reports it instead of the first user's command.
    await conn.execute("BEGIN IMMEDIATE")
    try:
        version = int(await _pragma(conn, "user_version"))
        await conn.execute(f"PRAGMA user_version = {version}")
    finally:
        await _quiet_rollback(conn)


async def _quiet_rollback(conn: aiosqlite.Connection) -> None:
    with suppress(sqlite3.Error):
        await conn.execute("ROLLBACK")


async def _close_all(connections: Sequence[aiosqlite.Connection]) -> None:
    for conn in connections:
        with suppress(sqlite3.Error, ValueError):
            await conn.close()
