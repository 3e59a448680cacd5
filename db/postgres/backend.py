"""The Backend protocol on PostgreSQL: an asyncpg pool, with reconnection after an outage.

The repositories write `?` placeholders; they become `$1, $2, ...` here. Every
single-statement write commits on its own (autocommit), which is atomic in PostgreSQL;
multi-statement units use a transaction on one pooled connection. Reads never wait
behind writes (MVCC), so no reader/writer split is needed as with SQLite.

When the server goes away, the first failing call marks it down and later calls fail at
once with StoreUnavailableError until a backoff delay (doubling up to a cap) has passed;
then one call tries again, and the pool opens fresh connections. Callers decide what a
missing store means: estimates go on without the saved profile, writes say saving is
unavailable.
"""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from functools import lru_cache
from typing import Any, TypeVar

import asyncpg

from db.backend import Params, Row, Statement
from db.errors import StoreClosedError, StoreError, StoreUnavailableError
from db.postgres.errors import is_outage, translate
from db.postgres.migrations import migrate
from db.postgres.url import redact
from db.schema import Migration

log = logging.getLogger(__name__)

T = TypeVar("T")

CONNECT_TIMEOUT_S = 5.0
# Longer than any statement of this bot takes; a hung server must not hang a command.
COMMAND_TIMEOUT_S = 10.0
POOL_SIZE = 10
BACKOFF_FIRST_S, BACKOFF_MAX_S = 0.5, 30.0
# The tables deleted rows for privacy come from; VACUUM makes their space reusable.
_USER_TABLES = ("profiles", "history", "budgets")


@lru_cache(maxsize=512)
def numbered(sql: str) -> str:
    """`?` placeholders as `$1, $2, ...`, leaving quoted text alone."""
    out: list[str] = []
    count = 0
    quote: str | None = None
    for char in sql:
        if quote is not None:
            if char == quote:
                quote = None
        elif char in ("'", '"'):
            quote = char
        elif char == "?":
            count += 1
            out.append(f"${count}")
            continue
        out.append(char)
    return "".join(out)


def _bound(params: Params) -> list[Any]:
    # Flags are 0/1 integers in both engines' tables.
    return [int(value) if isinstance(value, bool) else value for value in params]


def _changed(status: str) -> int:
    """Rows changed, from a command tag such as 'DELETE 3' or 'INSERT 0 1'."""
    last = status.rsplit(" ", 1)[-1]
    return int(last) if last.isdigit() else 0


class _Outage:
    """Backoff between attempts while the server is unreachable."""

    def __init__(self, where: str) -> None:
        self.where = where
        self.failures = 0
        self.retry_at = 0.0

    def check(self) -> None:
        if self.failures and time.monotonic() < self.retry_at:
            raise StoreUnavailableError(
                detail=f"PostgreSQL at {self.where} is unreachable; next attempt in "
                f"{self.retry_at - time.monotonic():.1f} s."
            )

    def failed(self, error: StoreError) -> None:
        if self.failures == 0:
            log.warning("the database went away: %s", error.detail)
        self.failures += 1
        delay = min(BACKOFF_MAX_S, BACKOFF_FIRST_S * 2 ** (self.failures - 1))
        self.retry_at = time.monotonic() + delay

    def succeeded(self) -> None:
        if self.failures:
            log.warning("the database is reachable again after %d failed attempts", self.failures)
        self.failures = 0


class _Tx:
    """The statements of one transaction, on the one connection that holds it."""

    def __init__(self, backend: PostgresBackend, conn: asyncpg.Connection) -> None:
        self._backend = backend
        self._conn = conn

    async def fetch_all(self, sql: str, params: Params = ()) -> list[Row]:
        records = await self._backend._guard(self._conn.fetch(numbered(sql), *_bound(params)))
        return [dict(record) for record in records]

    async def fetch_one(self, sql: str, params: Params = ()) -> Row | None:
        rows = await self.fetch_all(sql, params)
        return rows[0] if rows else None

    async def execute(self, sql: str, params: Params = ()) -> int:
        status = await self._backend._guard(self._conn.execute(numbered(sql), *_bound(params)))
        return _changed(status)


class PostgresBackend:
    def __init__(self, pool: asyncpg.Pool, where: str) -> None:
        self._pool = pool
        self.where = where
        self._outage = _Outage(where)
        self._closed = False

    @classmethod
    async def open(
        cls,
        url: str,
        migrations: Sequence[Migration],
        *,
        connect_timeout: float = CONNECT_TIMEOUT_S,
        pool_size: int = POOL_SIZE,
    ) -> PostgresBackend:
        """Connect, check the login and bring the schema up to date; StoreError otherwise."""
        where = redact(url)
        try:
            pool = await asyncpg.create_pool(
                url,
                # No floor to keep: the pool would retry it in the background during an
                # outage, logging each failure; connections open on demand instead.
                min_size=0,
                max_size=pool_size,
                timeout=connect_timeout,
                command_timeout=COMMAND_TIMEOUT_S,
            )
        except ValueError as exc:  # asyncpg could not read the URL; its words may quote it
            raise StoreError(
                "The bot's storage cannot be opened.",
                detail=f"DATABASE_URL {where} cannot be read ({type(exc).__name__}).",
            ) from None
        except (asyncpg.PostgresError, asyncpg.InterfaceError, OSError, TimeoutError) as exc:
            raise translate(exc, where) from exc
        try:
            async with pool.acquire() as conn:
                await migrate(conn, where, migrations)
        except BaseException as exc:
            await pool.close()
            if isinstance(exc, StoreError):
                raise
            if isinstance(exc, asyncpg.PostgresError | asyncpg.InterfaceError | OSError):
                raise translate(exc, where) from exc
            raise
        return cls(pool, where)

    # -- the Backend protocol ---------------------------------------------------------

    async def read_all(self, sql: str, params: Params = ()) -> list[Row]:
        return await self._with_connection(lambda conn: conn.fetch(numbered(sql), *_bound(params)))

    async def read_one(self, sql: str, params: Params = ()) -> Row | None:
        rows = await self.read_all(sql, params)
        return rows[0] if rows else None

    async def write(self, sql: str, params: Params = ()) -> list[Row]:
        return await self.read_all(sql, params)

    async def write_all(self, statements: Sequence[Statement]) -> list[list[Row]]:
        # A pooled connection each: no writer to hold, so a transaction is already one trip.
        async with self.transaction() as tx:
            return [await tx.fetch_all(sql, params) for sql, params in statements]

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[_Tx]:
        self._ready()
        try:
            async with self._pool.acquire() as conn, conn.transaction():
                yield _Tx(self, conn)
        except (asyncpg.PostgresError, asyncpg.InterfaceError, OSError, TimeoutError) as exc:
            raise self._failed(exc) from exc
        self._outage.succeeded()

    async def forget_deleted(self) -> None:
        # Deleted rows are invisible to every query at once (MVCC); their bytes stay in the
        # table's pages until VACUUM marks the space free and later writes reuse it.
        # VACUUM cannot run inside a transaction, so it runs on its own; best effort.
        try:
            await self._with_connection(
                lambda conn: conn.execute(f"VACUUM {', '.join(_USER_TABLES)}")
            )
        except StoreError as error:
            log.warning("VACUUM after a deletion did not run: %s", error.detail)

    async def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        await self._pool.close()

    # -- internals --------------------------------------------------------------------

    def _ready(self) -> None:
        if self._closed:
            raise StoreClosedError()
        self._outage.check()

    async def _with_connection(self, run: Callable[[asyncpg.Connection], Awaitable[Any]]) -> Any:
        self._ready()
        try:
            async with self._pool.acquire() as conn:
                result = await run(conn)
        except (asyncpg.PostgresError, asyncpg.InterfaceError, OSError, TimeoutError) as exc:
            raise self._failed(exc) from exc
        self._outage.succeeded()
        if isinstance(result, list):
            return [dict(record) for record in result]
        return result

    async def _guard(self, pending: Awaitable[T]) -> T:
        try:
            return await pending
        except (asyncpg.PostgresError, asyncpg.InterfaceError, OSError, TimeoutError) as exc:
            raise self._failed(exc) from exc

    def _failed(self, exc: BaseException) -> StoreError:
        if isinstance(exc, StoreError):
            return exc
        error = translate(exc, self.where)
        if is_outage(exc):
            self._outage.failed(error)
        return error
