"""A Backend that outlives its database: the bot keeps answering while the store is away.

It wraps whichever engine `open_backend` opens. When opening fails with an outage (an
unwritable file or folder, a failing disk, a server that went away) or a live backend
raises one, it drops that backend, says why in the log once, and reopens it in the
background until that works. Meanwhile every call raises StoreUnavailableError at once,
so callers answer without what is stored instead of waiting or failing strangely.
Any engine fits: all it relies on is StoreError.outage.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Sequence
from contextlib import asynccontextmanager

from db.backend import Backend, Params, Row, Statement, Transaction
from db.errors import StoreClosedError, StoreError, StoreUnavailableError

log = logging.getLogger(__name__)

RETRY_EVERY_S = 10.0
READS_UNAVAILABLE = (
    "Your saved profile and history cannot be read right now. Estimates, comparisons and "
    "tips still work."
)


class StandbyBackend:
    def __init__(
        self, open_backend: Callable[[], Awaitable[Backend]], retry_every: float = RETRY_EVERY_S
    ) -> None:
        self._open_backend = open_backend
        self.retry_every = retry_every
        self.live: Backend | None = None
        self.reason: StoreError | None = None
        self._retrying: asyncio.Task[None] | None = None
        self._closed = False
        self.back = asyncio.Event()  # set while a live backend serves

    @classmethod
    async def start(
        cls, open_backend: Callable[[], Awaitable[Backend]], retry_every: float = RETRY_EVERY_S
    ) -> StandbyBackend:
        """Open now; an outage leaves it on standby instead of raising. Other errors raise."""
        standby = cls(open_backend, retry_every)
        try:
            standby._serve(await open_backend())
        except StoreError as error:
            if not error.outage:
                raise
            standby._lose(None, error)
        return standby

    @property
    def available(self) -> bool:
        return self.live is not None

    # -- the Backend protocol ---------------------------------------------------------

    async def read_all(self, sql: str, params: Params = ()) -> list[Row]:
        backend = self._backend(READS_UNAVAILABLE)
        with self._watching(backend):
            return await backend.read_all(sql, params)

    async def read_one(self, sql: str, params: Params = ()) -> Row | None:
        backend = self._backend(READS_UNAVAILABLE)
        with self._watching(backend):
            return await backend.read_one(sql, params)

    async def write(self, sql: str, params: Params = ()) -> list[Row]:
        backend = self._backend()
        with self._watching(backend):
            return await backend.write(sql, params)

    async def write_all(self, statements: Sequence[Statement]) -> list[list[Row]]:
        backend = self._backend()
        with self._watching(backend):
            return await backend.write_all(statements)

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Transaction]:
        backend = self._backend()
        with self._watching(backend):
            async with backend.transaction() as tx:
                yield tx

    async def forget_deleted(self) -> None:
        backend = self._backend()
        with self._watching(backend):
            await backend.forget_deleted()

    async def close(self) -> None:
        self._closed = True
        if self._retrying is not None:
            self._retrying.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._retrying
        live, self.live = self.live, None
        self.back.clear()
        if live is not None:
            await live.close()

    # -- internals --------------------------------------------------------------------

    def _backend(self, message: str | None = None) -> Backend:
        if self._closed:
            raise StoreClosedError()
        if self.live is None:
            raise StoreUnavailableError(message)
        return self.live

    @contextlib.contextmanager
    def _watching(self, backend: Backend) -> Iterator[None]:
        try:
            yield
        except StoreClosedError as error:
            # Closed underneath us (not by close()): the engine went away.
            if not self._closed:
                self._lose(backend, error)
            raise
        except StoreError as error:
            if error.outage:
                self._lose(backend, error)
            raise

    def _serve(self, backend: Backend) -> None:
        self.live, self.reason = backend, None
        self.back.set()

    def _lose(self, backend: Backend | None, error: StoreError) -> None:
        if backend is not None and backend is not self.live:
            return  # an older backend's late failure: already handled
        self.live, self.reason = None, error
        self.back.clear()
        # str() carries the detail (path, engine text): the log is the place for it.
        log.warning(
            "storage unavailable, answering without saving until it is back "
            "(retrying every %g s): %s",
            self.retry_every,
            error,
        )
        if backend is not None:
            asyncio.get_running_loop().create_task(_close_quietly(backend))
        if self._retrying is None or self._retrying.done():
            self._retrying = asyncio.get_running_loop().create_task(self._retry())

    async def _retry(self) -> None:
        while not self._closed:
            await asyncio.sleep(self.retry_every)
            try:
                backend = await self._open_backend()
            except StoreError as error:
                log.debug("storage still unavailable: %s", error)
                continue
            except Exception:
                log.exception("reopening the storage failed unexpectedly")
                continue
            if self._closed:
                await backend.close()
                return
            self._serve(backend)
            log.info("storage is back: saving works again")
            return


async def _close_quietly(backend: Backend) -> None:
    try:
        await backend.close()
    except Exception as error:
        log.debug("closing a failed storage backend: %s", error)
