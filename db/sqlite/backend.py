"""The Backend protocol on SQLite: a writer and a reader connection, each on its own thread."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager, suppress
from pathlib import Path
from typing import TypeVar

import aiosqlite

from db.backend import Params, Row, Statement
from db.errors import StoreClosedError, StoreError
from db.schema import Migration
from db.sqlite import batching, files, settings
from db.sqlite.batching import GroupCommit, Writer
from db.sqlite.connection import Mode, count, fetch, open_connection, quiet_rollback
from db.sqlite.errors import translate
from db.sqlite.migrations import migrate
from db.sqlite.reading import BatchedReader
from db.sqlite.returning import RowCapture

T = TypeVar("T")
log = logging.getLogger(__name__)


class _Tx:
    """The statements of one write transaction, all on the writer connection."""

    def __init__(self, backend: SqliteBackend) -> None:
        self._backend = backend

    async def fetch_all(self, sql: str, params: Params = ()) -> list[Row]:
        return await self._backend._direct(fetch, sql, params)

    async def fetch_one(self, sql: str, params: Params = ()) -> Row | None:
        rows = await self._backend._direct(fetch, sql, params)
        return rows[0] if rows else None

    async def execute(self, sql: str, params: Params = ()) -> int:
        return await self._backend._direct(count, sql, params)


class SqliteBackend:
    """One writer and one read-only reader aiosqlite connection, each on a thread of its own.

    In WAL mode readers never block the writer and the writer never blocks readers, so
    reads go to their own connection and never queue behind writes; reads waiting
    together go over together (db/sqlite/reading.py). All writes in this process go
    through the one writer connection, so they cannot contend for SQLite's lock. Writes
    are group-committed: those waiting when the writer frees up run as one BEGIN
    IMMEDIATE ... COMMIT (db/sqlite/batching.py). BEGIN IMMEDIATE takes the write lock up
    front, so a transaction never fails halfway to upgrade it, and busy_timeout covers
    other processes (a backup tool, the CLI). Multi-statement transactions hold the
    writer between batches.
    """

    def __init__(
        self, path: Path, writer: GroupCommit, reader: aiosqlite.Connection, read_only: bool
    ) -> None:
        self.path = path
        self.read_only = read_only
        self._writer = writer
        self._reader = BatchedReader(reader)
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
        opened: list[aiosqlite.Connection] = []
        mode: Mode = "ro" if read_only else "rwc"
        try:
            conn = await open_connection(path, mode)
            opened.append(conn)
            await _set_up_writer(conn, path, migrations, read_only, busy_timeout)
            capture = await RowCapture.install(conn)
            reader = await open_connection(path, "ro")
            opened.append(reader)
            await settings.configure_reader(reader, busy_timeout)
        except sqlite3.Error as exc:
            await _close_all(opened)
            raise translate(exc, path) from exc
        except BaseException:
            await _close_all(opened)
            raise
        # Looked up at open time, so tests can watch the batches.
        group_commit = GroupCommit(Writer(conn, capture), batching.run_in_one_transaction)
        return cls(path, group_commit, reader, read_only)

    # -- the Backend protocol ---------------------------------------------------------

    async def read_all(self, sql: str, params: Params = ()) -> list[Row]:
        return await self._guarded(lambda: self._reader.read(sql, params))

    async def read_one(self, sql: str, params: Params = ()) -> Row | None:
        rows = await self.read_all(sql, params)
        return rows[0] if rows else None

    async def write(self, sql: str, params: Params = ()) -> list[Row]:
        (rows,) = await self._guarded(lambda: self._writer.submit([(sql, params)]))
        return rows

    async def write_all(self, statements: Sequence[Statement]) -> list[list[Row]]:
        # One job of a group commit: all of its statements are saved or none is.
        return await self._guarded(lambda: self._writer.submit(statements))

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[_Tx]:
        async with self._writer.lock:
            try:
                # BEGIN inside the try: a caller cancelled while it waits does not stop it
                # running on the connection's thread, and the ROLLBACK queued behind it ends
                # the transaction before the next batch.
                await self._direct(fetch, "BEGIN IMMEDIATE", ())
                yield _Tx(self)
                await self._direct(fetch, "COMMIT", ())
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
                    await self._direct(fetch, statement, ())
                except StoreClosedError:
                    raise
                except StoreError as error:
                    log.warning("%s after a deletion did not run: %s", statement, error.detail)

    async def close(self) -> None:
        if self._closing:
            return
        self._closing = True
        # Work queued before close() still runs, as does a transaction already waiting;
        # each connection runs what it was handed before it closes.
        await self._writer.drain()
        await self._reader.drain()
        async with self._writer.lock:
            self._closed = True
            await _close_all([self._reader.conn, self._conn])

    # -- SQLite-only extras -----------------------------------------------------------

    async def set_page_limit(self, pages: int) -> int:
        """Cap the file at `pages` pages (a quota; tests use it to simulate a full disk)."""
        # PRAGMA values cannot be bound as parameters; int() keeps this injection-free.
        statement = f"PRAGMA max_page_count = {int(pages)}"
        async with self._writer.lock:
            rows = await self._direct(fetch, statement, ())
        return int(next(iter(rows[0].values())))

    async def integrity_check(self) -> list[str]:
        rows = await self.read_all("PRAGMA integrity_check")
        return [str(next(iter(row.values()))) for row in rows]

    # -- internals --------------------------------------------------------------------

    @property
    def _conn(self) -> aiosqlite.Connection:
        return self._writer.writer.conn

    async def _guarded(self, start: Callable[[], Awaitable[T]]) -> T:
        """Run on a connection unless closing; sqlite3 errors as StoreErrors."""
        if self._closing:
            raise StoreClosedError()
        try:
            return await start()
        except sqlite3.Error as exc:
            raise translate(exc, self.path) from exc

    async def _direct(
        self,
        fn: Callable[[aiosqlite.Connection, str, Params], Awaitable[T]],
        sql: str,
        params: Params,
    ) -> T:
        """Run on the writer now; the caller holds the writer's lock."""
        if self._closed:
            raise StoreClosedError()
        try:
            return await fn(self._conn, sql, params)
        except sqlite3.Error as exc:
            raise translate(exc, self.path) from exc

    async def _rollback(self) -> None:
        if self._closed:
            return  # closing the connection ended any transaction; keep StoreClosedError
        # Errors such as SQLITE_FULL may already have rolled the transaction back.
        await asyncio.shield(quiet_rollback(self._conn))


async def _set_up_writer(
    conn: aiosqlite.Connection,
    path: Path,
    migrations: Sequence[Migration],
    read_only: bool,
    busy_timeout: float,
) -> None:
    await settings.configure_common(conn, busy_timeout)
    await files.quick_check(conn, path)
    if not read_only:
        await settings.configure_writable(conn, path)
    await migrate(conn, path, migrations, read_only=read_only)
    if not read_only:
        await files.probe_writable(conn)


async def _close_all(connections: Sequence[aiosqlite.Connection]) -> None:
    for conn in connections:
        with suppress(sqlite3.Error):
            await conn.close()
