"""One sqlite3 connection on a thread of its own, driven from asyncio.

sqlite3 blocks, so each connection lives on a dedicated thread that takes callables
from a FIFO queue, runs fn(connection, *args) and hands the outcome back to the
awaiting asyncio future with loop.call_soon_threadsafe. The connection is opened
and closed on that thread and never touched from any other.
"""

from __future__ import annotations

import asyncio
import queue
import sqlite3
import threading
from collections.abc import Callable
from contextlib import suppress
from typing import Any, TypeVar

from db.errors import StoreClosedError

T = TypeVar("T")
# fn is None for the request that closes the connection and ends the thread.
_Request = tuple[Callable[..., Any] | None, tuple[Any, ...], asyncio.Future[Any]]


class ConnectionThread:
    """Runs callables on one sqlite3 connection, one at a time, in the order called.

    A call that has been queued runs even if the awaiting task is cancelled, so a
    ROLLBACK queued behind a cancelled statement still finds it done. close() lets
    everything already queued run, then closes the connection; later calls raise
    StoreClosedError.
    """

    def __init__(self) -> None:
        self._requests: queue.SimpleQueue[_Request] = queue.SimpleQueue()
        self._stopped: asyncio.Future[None] | None = None

    @classmethod
    async def open(
        cls, connect: Callable[[], sqlite3.Connection], name: str = "sqlite"
    ) -> ConnectionThread:
        """Start the thread and open the connection on it; connect's error is raised here."""
        worker = cls()
        opened: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        # Daemon: a store that is never closed must not keep the process from exiting.
        thread = threading.Thread(
            target=worker._serve, args=(connect, opened), name=name, daemon=True
        )
        thread.start()
        try:
            await opened
        except asyncio.CancelledError:
            worker._stop()  # the thread may still connect: have it close again
            raise
        return worker

    async def call(self, fn: Callable[..., T], *args: Any) -> T:
        """fn(connection, *args) on the connection's thread, after everything queued before."""
        if self._stopped is not None:
            raise StoreClosedError()
        future: asyncio.Future[T] = asyncio.get_running_loop().create_future()
        self._requests.put((fn, args, future))
        return await future

    async def close(self) -> None:
        """Run what is queued, then close the connection and end the thread."""
        stopped = self._stop()
        # Shielded: a cancelled closer does not cancel the close itself.
        await asyncio.shield(stopped)

    def _stop(self) -> asyncio.Future[None]:
        if self._stopped is None:
            self._stopped = asyncio.get_running_loop().create_future()
            self._requests.put((None, (), self._stopped))
        return self._stopped

    # -- on the connection's thread -------------------------------------------------

    def _serve(
        self, connect: Callable[[], sqlite3.Connection], opened: asyncio.Future[None]
    ) -> None:
        try:
            conn = connect()
        except BaseException as exc:
            _hand_back(opened, exc, None)
            return
        _hand_back(opened, None, None)
        while True:
            fn, args, future = self._requests.get()
            if fn is None:
                break
            try:
                result = fn(conn, *args)
            except BaseException as exc:  # the caller gets it, and the thread lives on
                _hand_back(future, exc, None)
            else:
                _hand_back(future, None, result)
        error: BaseException | None = None
        try:
            conn.close()
        except sqlite3.Error as exc:
            error = exc
        _hand_back(future, error, None)


def _hand_back(future: asyncio.Future[Any], error: BaseException | None, result: Any) -> None:
    # A closed loop has nobody left waiting for the answer.
    with suppress(RuntimeError):
        future.get_loop().call_soon_threadsafe(_settle, future, error, result)


def _settle(future: asyncio.Future[Any], error: BaseException | None, result: Any) -> None:
    if future.done():  # the caller was cancelled and stopped waiting
        return
    if error is None:
        future.set_result(result)
    else:
        future.set_exception(error)


def pragma(conn: sqlite3.Connection, statement: str) -> Any:
    """The first value a PRAGMA returns, or None."""
    row = conn.execute(f"PRAGMA {statement}").fetchone()
    return None if row is None else row[0]


def quiet_rollback(conn: sqlite3.Connection) -> None:
    """End any open transaction; errors such as SQLITE_FULL may already have ended it."""
    with suppress(sqlite3.Error):
        conn.execute("ROLLBACK")
