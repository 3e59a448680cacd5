"""Batching: queued jobs run together, many per hop to the connection thread.

Writes are group-committed (one BEGIN IMMEDIATE ... COMMIT, a savepoint per write);
reads run one after another on the reader. Either way a hundred waiting callers
cost one hand-off to the thread (and, for writes, one commit) instead of a hundred.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections import deque
from collections.abc import Callable
from typing import Any, TypeVar

from db.sqlite.connection import ConnectionThread, quiet_rollback

# Group commit takes every write waiting at the time, up to this many: enough for the
# loads the bot sees, small enough that one batch keeps the thread for about a millisecond.
MAX_BATCH = 128

T = TypeVar("T")
Job = Callable[[sqlite3.Connection], Any]
# Per job: (error, None) or (None, result).
Outcome = tuple[BaseException | None, Any]
BatchRunner = Callable[[sqlite3.Connection, list[Job]], list[Outcome]]


def run_each(conn: sqlite3.Connection, jobs: list[Job]) -> list[Outcome]:
    """Reads: every job on its own, so one failing read does not touch the others."""
    outcomes: list[Outcome] = []
    for job in jobs:
        try:
            outcomes.append((None, job(conn)))
        except Exception as exc:
            outcomes.append((exc, None))
    return outcomes


def run_in_one_transaction(conn: sqlite3.Connection, jobs: list[Job]) -> list[Outcome]:
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
        quiet_rollback(conn)
        if len(jobs) == 1:
            return [(exc, None)]
        return [outcome for job in jobs for outcome in run_in_one_transaction(conn, [job])]
    return outcomes


class BatchedConnection:
    """A connection thread plus a queue of jobs that run through a batch runner.

    call() runs one function on the thread now. submit() queues a job; the jobs waiting
    when the thread frees up run as one batch in a single hop. `lock` gives a caller
    the connection to itself between batches (a multi-statement transaction).
    """

    def __init__(self, thread: ConnectionThread, run_batch: BatchRunner) -> None:
        self._thread = thread
        self._run_batch = run_batch
        self._queue: deque[tuple[Job, asyncio.Future[Any]]] = deque()
        self._drainer: asyncio.Task[None] | None = None
        self.lock = asyncio.Lock()

    async def call(self, fn: Callable[..., T], *args: Any) -> T:
        return await self._thread.call(fn, *args)

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
                        outcomes = await self._thread.call(
                            self._run_batch, [job for job, _ in taken]
                        )
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
        # Runs after everything already on the thread's queue, then ends the thread.
        await self._thread.close()
