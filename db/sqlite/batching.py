"""Group commit: the writes waiting together share one transaction and one commit.

A job is one atomic write: one statement, or several that stand or fall together. The
jobs of a batch run in one BEGIN IMMEDIATE ... COMMIT, their statements handed to the
connection's thread all at once, so a hundred waiting writes cost one commit and about
one wait of the event loop instead of a hundred.

A write of one statement that waited alone needs no BEGIN or COMMIT: it runs on the
writer's autocommit connection, one hand-over in all.

Results are only handed out after COMMIT, so nothing is reported saved that was not. If
anything in the batch fails, its transaction is rolled back and each job runs again in a
transaction of its own: the bad write gets its error alone, the others are saved. That
also covers the errors (SQLITE_FULL, IOERR) that end the whole transaction halfway: the
statements after them open a new transaction of their own (see connection.py) instead of
committing one by one, and the rollback ends that one too.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections import deque
from collections.abc import Awaitable, Callable, Sequence

import aiosqlite

from db.backend import Row, Statement
from db.sqlite.connection import Writer, fetch, quiet_rollback

# Group commit takes every write waiting at the time, up to this many: enough for the
# loads the bot sees, small enough that one batch keeps the thread for about a millisecond.
MAX_BATCH = 128
# Fewer single-statement writes than this commit one by one, handed over together: one
# wait for the thread, where BEGIN and COMMIT would add two.
GROUP_FROM = 4

Job = Sequence[Statement]
Result = list[list[Row]]  # the rows of each statement of a job
# Per job: (error, None) or (None, result).
Outcome = tuple[BaseException | None, Result | None]
BatchRunner = Callable[[Writer, list[Job]], Awaitable[list[Outcome]]]


async def _run_all(
    conn: aiosqlite.Connection, statements: Sequence[Statement]
) -> tuple[BaseException | None, Result]:
    """The first error, else each statement's rows; all handed over before the first is awaited."""
    results = await asyncio.gather(
        *(fetch(conn, sql, params) for sql, params in statements), return_exceptions=True
    )
    rows: Result = []
    for result in results:
        if isinstance(result, BaseException):
            return result, []
        rows.append(result)
    return None, rows


async def _commit(conn: aiosqlite.Connection) -> BaseException | None:
    try:
        await conn.commit()
    except sqlite3.Error as exc:
        await quiet_rollback(conn)
        return exc
    return None


async def run_alone(writer: Writer, job: Job) -> Outcome:
    """One job in a transaction of its own."""
    if len(job) == 1:
        (sql, params), conn = job[0], writer.solo
        try:
            return None, [await fetch(conn, sql, params)]
        except sqlite3.Error as exc:
            return exc, None
    conn = writer.batches
    error, rows = await _run_all(conn, [("BEGIN IMMEDIATE", ()), *job])
    error = error or await _commit(conn)
    if error is not None:
        await quiet_rollback(conn)
        return error, None
    return None, rows[1:]


async def _run_each_alone(writer: Writer, jobs: list[Job]) -> list[Outcome]:
    """Writes of one statement each, committed one by one but handed over together."""
    results = await asyncio.gather(
        *(fetch(writer.solo, sql, params) for ((sql, params),) in jobs), return_exceptions=True
    )
    return [
        (result, None) if isinstance(result, BaseException) else (None, [result])
        for result in results
    ]


async def run_in_one_transaction(writer: Writer, jobs: list[Job]) -> list[Outcome]:
    """The jobs in one BEGIN IMMEDIATE ... COMMIT; after any failure, each on its own."""
    if len(jobs) < GROUP_FROM and all(len(job) == 1 for job in jobs):
        return await _run_each_alone(writer, jobs)
    if len(jobs) == 1:
        return [await run_alone(writer, jobs[0])]
    conn = writer.batches
    try:
        await fetch(conn, "BEGIN IMMEDIATE")
    except sqlite3.Error as exc:  # busy or read-only: no job can run now
        return [(exc, None)] * len(jobs)
    error, rows = await _run_all(conn, [statement for job in jobs for statement in job])
    if error is None and await _commit(conn) is None:
        each = iter(rows)
        return [(None, [next(each) for _ in job]) for job in jobs]
    await quiet_rollback(conn)
    return [await run_alone(writer, job) for job in jobs]


class GroupCommit:
    """A queue of write jobs in front of the writer, run in batches by a batch runner.

    submit() queues a job; the jobs waiting when the writer frees up run as one batch.
    `lock` gives a caller the writer to itself between batches (a multi-statement
    transaction).
    """

    def __init__(self, writer: Writer, run_batch: BatchRunner) -> None:
        self.writer = writer
        self._run_batch = run_batch
        self._queue: deque[tuple[Job, asyncio.Future[Result]]] = deque()
        self._drainer: asyncio.Task[None] | None = None
        self.lock = asyncio.Lock()

    def submit(self, job: Job) -> asyncio.Future[Result]:
        loop = asyncio.get_running_loop()
        future: asyncio.Future[Result] = loop.create_future()
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
                    taken: list[tuple[Job, asyncio.Future[Result]]] = []
                    while self._queue and len(taken) < MAX_BATCH:
                        job, future = self._queue.popleft()
                        if not future.cancelled():  # its caller gave up before it ran
                            taken.append((job, future))
                    if not taken:
                        continue
                    try:
                        outcomes = await self._run_batch(self.writer, [job for job, _ in taken])
                    except asyncio.CancelledError:
                        # The thread still runs what it was handed; a rollback behind it
                        # ends the batch's transaction before anything else can start.
                        for _, future in [*taken, *self._queue]:
                            future.cancel()
                        await asyncio.shield(quiet_rollback(self.writer.batches))
                        raise
                    except Exception as exc:  # the connection could not run the batch at all
                        outcomes = [(exc, None)] * len(taken)
                _settle(taken, outcomes)
        finally:
            self._drainer = None

    async def drain(self) -> None:
        """Wait until every job queued so far has run."""
        while self._drainer is not None:
            await asyncio.wait({self._drainer})


def _settle(taken: list[tuple[Job, asyncio.Future[Result]]], outcomes: list[Outcome]) -> None:
    for (_, future), (error, result) in zip(taken, outcomes, strict=True):
        if future.done():
            continue
        if error is None:
            assert result is not None
            future.set_result(result)
        else:
            future.set_exception(error)
