"""SQLite backend: file checks, connection settings, migrations, group-committed writes, errors.

Everything SQLite-specific lives here so the repositories stay portable SQL.
"""

from __future__ import annotations

import asyncio
import errno
import re
import sqlite3
from collections import deque
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager, suppress
from pathlib import Path
from typing import Any, NoReturn, TypeVar
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


# Group commit takes every write waiting at the time, up to this many: enough for the
# loads the bot sees, small enough that one batch keeps the thread for about a millisecond.
MAX_BATCH = 128

T = TypeVar("T")
Job = Callable[[sqlite3.Connection], Any]
# Per job: (error, None) or (None, result).
Outcome = tuple[BaseException | None, Any]
BatchRunner = Callable[[sqlite3.Connection, list[Job]], list[Outcome]]


def _fetch(conn: sqlite3.Connection, sql: str, params: Params) -> list[Row]:
    return [dict(row) for row in conn.execute(sql, params).fetchall()]


def _count(conn: sqlite3.Connection, sql: str, params: Params) -> int:
    return conn.execute(sql, params).rowcount


def _run_each(conn: sqlite3.Connection, jobs: list[Job]) -> list[Outcome]:
    """Reads: every job on its own, so one failing read does not touch the others."""
    outcomes: list[Outcome] = []
    for job in jobs:
        try:
            outcomes.append((None, job(conn)))
        except Exception as exc:
            outcomes.append((exc, None))
    return outcomes


def _run_in_one_transaction(conn: sqlite3.Connection, jobs: list[Job]) -> list[Outcome]:
    """Group commit: the jobs share one BEGIN IMMEDIATE ... COMMIT, each in its own savepoint.

    A job that fails is rolled back to its savepoint alone and gets its own error. Results
    are only handed out after COMMIT, so nothing is reported saved that was not. If an
    error (SQLITE_FULL, IOERR) or the COMMIT itself undid the whole transaction, the other
    jobs' changes went with it, so each job runs again in a transaction of its own.
    """
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as exc:
        return [(exc, None)] * len(jobs)
    outcomes: list[Outcome] = []
    try:
        for job in jobs:
            conn.execute("SAVEPOINT job")
            try:
                outcomes.append((None, job(conn)))
            except Exception as exc:
                if not conn.in_transaction:
                    raise
                conn.execute("ROLLBACK TO job")
                outcomes.append((exc, None))
            conn.execute("RELEASE job")
        conn.execute("COMMIT")
    except Exception as exc:
        _quiet_rollback(conn)
        if len(jobs) == 1:
            return [(exc, None)]
        return [outcome for job in jobs for outcome in _run_in_one_transaction(conn, [job])]
    return outcomes


async def run_on_thread(conn: aiosqlite.Connection, fn: Callable[..., T], *args: Any) -> T:
    """Run fn(sqlite3_connection, *args) on the thread of `conn` and return its result.

    The call joins the connection's own FIFO queue, so it runs after everything queued
    before it and runs even if the awaiting task is cancelled. aiosqlite has no public
    way to do this; Connection._execute (queue a callable on the connection thread) and
    Connection._conn (the sqlite3 connection) are private in aiosqlite 0.22.1, which
    pyproject.toml pins exactly for that reason. tests/db/test_aiosqlite_hooks.py fails
    if an upgrade removes or changes them. This is the only place that uses them.
    """
    result: T = await conn._execute(fn, conn._conn, *args)
    return result


class _Connection:
    """An aiosqlite connection (a sqlite3 connection on a thread of its own) plus a job queue.

    call() runs one function on that thread. submit() queues a job; queued jobs run
    together through the batch runner, many per thread hop, so a hundred waiting
    callers cost one hand-off (and, for writes, one commit) instead of a hundred.
    `lock` gives a caller the connection to itself between batches.
    """

    def __init__(self, conn: aiosqlite.Connection, run_batch: BatchRunner) -> None:
        self._aio = conn
        self._run_batch = run_batch
        self._queue: deque[tuple[Job, asyncio.Future[Any]]] = deque()
        self._drainer: asyncio.Task[None] | None = None
        self.lock = asyncio.Lock()

    @classmethod
    async def open(cls, path: Path, mode: str, run_batch: BatchRunner) -> _Connection:
        uri = f"file:{quote(str(path))}?mode={mode}"
        # isolation_level=None: no implicit transactions; this module issues BEGIN itself.
        # A failed connect stops aiosqlite's thread itself.
        conn = await aiosqlite.connect(uri, uri=True, isolation_level=None)
        conn.row_factory = sqlite3.Row
        return cls(conn, run_batch)

    async def call(self, fn: Callable[..., T], *args: Any) -> T:
        return await run_on_thread(self._aio, fn, *args)

    async def execute_fetchall(self, sql: str, params: Params = ()) -> list[sqlite3.Row]:
        return list(await self._aio.execute_fetchall(sql, params))

    def submit(self, job: Job) -> asyncio.Future[Any]:
        loop = asyncio.get_running_loop()
        future: asyncio.Future[Any] = loop.create_future()
        self._queue.append((job, future))
        # Started on demand and gone when the queue is empty: no task outlives its work.
        if self._drainer is None:
            self._drainer = loop.create_task(self._drain())
        return future

    async def _drain(self) -> None:
        try:
            while self._queue:
                async with self.lock:
                    # Taken under the lock, so writes that queued behind a transaction
                    # all join the next batch.
                    taken: list[tuple[Job, asyncio.Future[Any]]] = []
                    while self._queue and len(taken) < MAX_BATCH:
                        job, future = self._queue.popleft()
                        if not future.cancelled():  # its caller gave up before it ran
                            taken.append((job, future))
                    if not taken:
                        continue
                    try:
                        outcomes = await self.call(self._run_batch, [job for job, _ in taken])
                    except asyncio.CancelledError:
                        for _, future in [*taken, *self._queue]:
                            future.cancel()
                        raise
                    except Exception as exc:  # the thread could not run the batch at all
                        outcomes = [(exc, None)] * len(taken)
                for (_, future), (error, result) in zip(taken, outcomes, strict=True):
                    if future.done():
                        continue
                    if error is None:
                        future.set_result(result)
                    else:
                        future.set_exception(error)
        finally:
            self._drainer = None

    async def drain(self) -> None:
        """Wait until every job queued so far has run."""
        while self._drainer is not None:
            await asyncio.wait({self._drainer})

    async def close(self) -> None:
        # Runs after everything already on the connection's queue, then stops its thread.
        await self._aio.close()


def _fetch_raw(conn: sqlite3.Connection, sql: str, params: Params) -> list[sqlite3.Row]:
    return conn.execute(sql, params).fetchall()


class _Tx:
    """The statements of one write transaction, all on the writer connection."""

    def __init__(self, backend: SqliteBackend) -> None:
        self._backend = backend

    async def fetch_all(self, sql: str, params: Params = ()) -> list[Row]:
        return await self._backend._direct(_fetch, sql, params)

    async def fetch_one(self, sql: str, params: Params = ()) -> Row | None:
        rows = await self._backend._direct(_fetch, sql, params)
        return rows[0] if rows else None

    async def execute(self, sql: str, params: Params = ()) -> int:
        return await self._backend._direct(_count, sql, params)


class SqliteBackend:
    """One writer connection and one read-only reader connection, each on its own thread.

    In WAL mode readers never block the writer and the writer never blocks readers, so
    reads go to their own connection and never queue behind writes. All writes in this
    process go through the one writer connection, so they cannot contend for SQLite's
    lock. Single-statement writes are group-committed: those waiting when the writer
    thread frees up run as one BEGIN IMMEDIATE ... COMMIT, each in its own savepoint.
    BEGIN IMMEDIATE takes the write lock up front, so a transaction never fails halfway
    to upgrade it, and busy_timeout covers other processes (a backup tool, the CLI).
    Multi-statement transactions hold the writer between batches.
    """

    def __init__(
        self, path: Path, writer: _Connection, reader: _Connection, read_only: bool
    ) -> None:
        self.path = path
        self.read_only = read_only
        self._writer = writer
        self._reader = reader
        self._closing = False
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
        opened: list[_Connection] = []
        try:
            writer = await _Connection.open(
                path, "ro" if read_only else "rwc", _run_in_one_transaction
            )
            opened.append(writer)
            await writer.call(_set_up_writer, path, migrations, read_only, busy_timeout)
            reader = await _Connection.open(path, "ro", _run_each)
            opened.append(reader)
            await reader.call(_configure_reader, busy_timeout)
        except sqlite3.Error as exc:
            await _close_all(opened)
            raise translate(exc, path) from exc
        except BaseException:
            await _close_all(opened)
            raise
        return cls(path, writer, reader, read_only)

    # -- the Backend protocol ---------------------------------------------------------

    async def read_all(self, sql: str, params: Params = ()) -> list[Row]:
        return await self._queued(self._reader, sql, params)

    async def read_one(self, sql: str, params: Params = ()) -> Row | None:
        rows = await self.read_all(sql, params)
        return rows[0] if rows else None

    async def write(self, sql: str, params: Params = ()) -> list[Row]:
        return await self._queued(self._writer, sql, params)

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[_Tx]:
        async with self._writer.lock:
            try:
                # BEGIN inside the try: a caller cancelled while it waits does not stop it
                # running on the connection thread, and the ROLLBACK queued behind it ends
                # the transaction before the next batch.
                await self._direct(_count, "BEGIN IMMEDIATE", ())
                yield _Tx(self)
                await self._direct(_count, "COMMIT", ())
            except BaseException:
                await self._rollback()
                raise

    async def forget_deleted(self) -> None:
        # secure_delete already zeroes freed bytes in the pages; the WAL still holds old page images
        # until a checkpoint copies the new ones back and truncates it. Best effort:
        # with readers mid-transaction the checkpoint finishes at a later commit.
        # A checkpoint cannot run inside a transaction, so not as part of a batch.
        async with self._writer.lock:
            await self._direct(_fetch, "PRAGMA wal_checkpoint(TRUNCATE)", ())

    async def close(self) -> None:
        if self._closing:
            return
        self._closing = True
        # Work queued before close() still runs, as does a transaction already waiting.
        await self._writer.drain()
        await self._reader.drain()
        async with self._writer.lock:
            self._closed = True
            await _close_all([self._reader, self._writer])

    # -- SQLite-only extras -----------------------------------------------------------

    async def set_page_limit(self, pages: int) -> int:
        """Cap the file at `pages` pages (a quota; tests use it to simulate a full disk)."""
        # PRAGMA values cannot be bound as parameters; int() keeps this injection-free.
        async with self._writer.lock:
            rows = await self._direct(_fetch, f"PRAGMA max_page_count = {int(pages)}", ())
        return int(next(iter(rows[0].values())))

    async def integrity_check(self) -> list[str]:
        rows = await self.read_all("PRAGMA integrity_check")
        return [str(next(iter(row.values()))) for row in rows]

    # -- internals --------------------------------------------------------------------

    async def _queued(self, conn: _Connection, sql: str, params: Params) -> list[Row]:
        if self._closing:
            raise StoreClosedError()
        try:
            rows: list[Row] = await conn.submit(lambda c: _fetch(c, sql, params))
        except sqlite3.Error as exc:
            raise translate(exc, self.path) from exc
        return rows

    async def _direct(
        self, fn: Callable[[sqlite3.Connection, str, Params], T], sql: str, params: Params
    ) -> T:
        """Run on the writer now; the caller holds the writer's lock."""
        if self._closed:
            raise StoreClosedError()
        try:
            return await self._writer.call(fn, sql, params)
        except sqlite3.Error as exc:
            raise translate(exc, self.path) from exc

    async def _rollback(self) -> None:
        if self._closed:
            return  # closing the connection ended any transaction; keep StoreClosedError
        # Errors such as SQLITE_FULL may already have rolled the transaction back.
        await self._writer.call(_quiet_rollback)


def _pragma(conn: sqlite3.Connection, statement: str) -> Any:
    row = conn.execute(f"PRAGMA {statement}").fetchone()
    return None if row is None else row[0]


def _set_up_writer(
    conn: sqlite3.Connection,
    path: Path,
    migrations: Sequence[Migration],
    read_only: bool,
    busy_timeout: float,
) -> None:
    _configure(conn, path, read_only=read_only, busy_timeout=busy_timeout)
    _migrate(conn, path, migrations, read_only=read_only)
    if not read_only:
        _probe_writable(conn)


def _configure(
    conn: sqlite3.Connection, path: Path, *, read_only: bool, busy_timeout: float
) -> None:
    _pragma(conn, f"busy_timeout = {int(busy_timeout * 1000)}")
    _pragma(conn, "foreign_keys = ON")
    # Read the whole file once before anything writes to it: a damaged database is
    # refused intact instead of being made worse. Cheap at this bot's sizes (MBs).
    problems = [row[0] for row in conn.execute("PRAGMA quick_check").fetchall()]
    if problems != ["ok"]:
        raise CorruptDatabaseError(
            f"The database file {path} is damaged ({problems[0]}). "
            "It was left untouched: restore a backup or move it aside."
        )
    if read_only:
        return
    mode = _pragma(conn, "journal_mode = WAL")
    if str(mode).lower() != "wal":
        raise StoreError(f"The database {path} could not switch to WAL mode (got {mode}).")
    # WAL + NORMAL syncs at checkpoints, not at every commit: a commit is durable once
    # it is in the WAL file, so a crashed or killed process loses nothing; only a power
    # loss or OS crash can drop the last few commits, and the file stays consistent.
    _pragma(conn, "synchronous = NORMAL")
    # Deleted rows are overwritten with zeros, so "delete my data" really removes it.
    _pragma(conn, "secure_delete = ON")


def _configure_reader(conn: sqlite3.Connection, busy_timeout: float) -> None:
    _pragma(conn, f"busy_timeout = {int(busy_timeout * 1000)}")
    _pragma(conn, "query_only = ON")


def _migrate(
    conn: sqlite3.Connection, path: Path, migrations: Sequence[Migration], *, read_only: bool
) -> None:
    latest = len(migrations)
    current = int(_pragma(conn, "user_version"))
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
        _apply(conn, path, migration)


def _apply(conn: sqlite3.Connection, path: Path, migration: Migration) -> None:
    """Apply one migration and bump user_version in the same transaction."""
    statements = split_statements(migration.sql)
    label = f"{migration.version:03d}_{migration.name}"
    conn.execute("BEGIN IMMEDIATE")
    try:
        # Another process may have migrated while this one waited for the lock.
        if int(_pragma(conn, "user_version")) >= migration.version:
            conn.execute("ROLLBACK")
            return
        for statement in statements:
            conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {int(migration.version)}")
        conn.execute("COMMIT")
    except sqlite3.Error as exc:
        _quiet_rollback(conn)
        _raise_migration_error(exc, path, label, migration.version - 1)
    except BaseException:
        _quiet_rollback(conn)
        raise


def _raise_migration_error(exc: sqlite3.Error, path: Path, label: str, version: int) -> NoReturn:
    error = translate(exc, path)
    if type(error) is not StoreError:
        raise error from exc  # read-only, full, busy, corrupt: say that, not "bad migration"
    raise MigrationError(
        f"Upgrading the database {path} failed in migration {label}: {exc}. "
        f"It was left unchanged at schema version {version}."
    ) from exc


def _probe_writable(conn: sqlite3.Connection) -> None:
    # SQLite silently opens an unwritable file read-only and only fails at the first
    # write; find out now so start-up reports it instead of the first user's command.
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = int(_pragma(conn, "user_version"))
        conn.execute(f"PRAGMA user_version = {version}")
    finally:
        _quiet_rollback(conn)


def _quiet_rollback(conn: sqlite3.Connection) -> None:
    with suppress(sqlite3.Error):
        conn.execute("ROLLBACK")


async def _close_all(connections: Sequence[_Connection]) -> None:
    for conn in connections:
        # ValueError: aiosqlite's word for a connection that is already closed.
        with suppress(sqlite3.Error, ValueError):
            await conn.close()
