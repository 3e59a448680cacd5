"""The Backend protocol on SQLite: a writer and a reader connection, each on its own thread."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager, suppress
from pathlib import Path
from typing import TypeVar
from urllib.parse import quote

from db.backend import Params, Row, Statement
from db.errors import StoreClosedError, StoreError
from db.schema import Migration
from db.sqlite import batching, files, settings
from db.sqlite.batching import BatchedConnection, BatchRunner
from db.sqlite.connection import ConnectionThread, quiet_rollback
from db.sqlite.errors import translate
from db.sqlite.migrations import migrate

T = TypeVar("T")
log = logging.getLogger(__name__)


def _fetch(conn: sqlite3.Connection, sql: str, params: Params) -> list[Row]:
    return [dict(row) for row in conn.execute(sql, params).fetchall()]


def _count(conn: sqlite3.Connection, sql: str, params: Params) -> int:
    return conn.execute(sql, params).rowcount


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
        self, path: Path, writer: BatchedConnection, reader: BatchedConnection, read_only: bool
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
        busy_timeout: float = settings.BUSY_TIMEOUT,
    ) -> SqliteBackend:
        path = await asyncio.to_thread(files.prepare_path, Path(path), read_only)
        opened: list[BatchedConnection] = []
        try:
            # Looked up at open time, so tests can watch the batches.
            run_writes = batching.run_in_one_transaction
            writer = await _connect(path, "ro" if read_only else "rwc", run_writes, "writer")
            opened.append(writer)
            await writer.call(_set_up_writer, path, migrations, read_only, busy_timeout)
            reader = await _connect(path, "ro", batching.run_each, "reader")
            opened.append(reader)
            await reader.call(settings.configure_reader, busy_timeout)
        except sqlite3.Error as exc:
            await _close_all(opened)
            raise translate(exc, path) from exc
        except BaseException:
            await _close_all(opened)
            raise
        return cls(path, writer, reader, read_only)

    # -- the Backend protocol ---------------------------------------------------------

    async def read_all(self, sql: str, params: Params = ()) -> list[Row]:
        return await self._queued(self._reader, lambda c: _fetch(c, sql, params))

    async def read_one(self, sql: str, params: Params = ()) -> Row | None:
        rows = await self.read_all(sql, params)
        return rows[0] if rows else None

    async def write(self, sql: str, params: Params = ()) -> list[Row]:
        return await self._queued(self._writer, lambda c: _fetch(c, sql, params))

    async def write_all(self, statements: Sequence[Statement]) -> list[list[Row]]:
        # One job of a group commit: its savepoint makes the statements all or nothing.
        return await self._queued(
            self._writer, lambda c: [_fetch(c, sql, params) for sql, params in statements]
        )

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
        # secure_delete zeroes the bytes of deleted rows, but a deleted key can stay behind
        # as a divider in an interior page of a table or an index. VACUUM rebuilds every
        # page from the live rows; the checkpoint then copies them back into the file and
        # empties the WAL, which still holds the old page images. Neither can run inside a
        # transaction, so not as part of a batch. Best effort, like VACUUM on PostgreSQL:
        # the deletion is already committed, and with a reader mid-transaction the
        # checkpoint finishes at a later commit.
        async with self._writer.lock:
            for statement in ("VACUUM", "PRAGMA wal_checkpoint(TRUNCATE)"):
                try:
                    await self._direct(_fetch, statement, ())
                except StoreClosedError:
                    raise
                except StoreError as error:
                    log.warning("%s after a deletion did not run: %s", statement, error.detail)

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

    async def _queued(self, conn: BatchedConnection, job: Callable[[sqlite3.Connection], T]) -> T:
        if self._closing:
            raise StoreClosedError()
        try:
            result: T = await conn.submit(job)
        except sqlite3.Error as exc:
            raise translate(exc, self.path) from exc
        return result

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
        await self._writer.call(quiet_rollback)


async def _connect(path: Path, mode: str, run_batch: BatchRunner, name: str) -> BatchedConnection:
    uri = f"file:{quote(str(path))}?mode={mode}"

    def connect() -> sqlite3.Connection:
        # isolation_level=None: no implicit transactions; the backend issues BEGIN itself.
        conn = sqlite3.connect(uri, uri=True, isolation_level=None)
        conn.row_factory = sqlite3.Row
        return conn

    thread = await ConnectionThread.open(connect, name=f"sqlite-{name}")
    return BatchedConnection(thread, run_batch)


def _set_up_writer(
    conn: sqlite3.Connection,
    path: Path,
    migrations: Sequence[Migration],
    read_only: bool,
    busy_timeout: float,
) -> None:
    settings.configure_common(conn, busy_timeout)
    files.quick_check(conn, path)
    if not read_only:
        settings.configure_writable(conn, path)
    migrate(conn, path, migrations, read_only=read_only)
    if not read_only:
        files.probe_writable(conn)


async def _close_all(connections: Sequence[BatchedConnection]) -> None:
    for conn in connections:
        with suppress(sqlite3.Error):
            await conn.close()
