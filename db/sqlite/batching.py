"""Group commit: the writes waiting together share one transaction and one commit.

A job is one atomic write: one statement, or several that stand or fall together. The
jobs of a batch run in one BEGIN IMMEDIATE ... COMMIT, and each run of statements with
the same SQL text (a hundred upserts of a profile, say) goes to the connection's thread
as one executemany, its RETURNING rows kept by returning.RowCapture. A hundred waiting
writes thus cost one commit and three waits of the event loop, not a hundred.

A write of one statement that waited alone (or among fewer than GROUP_FROM) needs no
BEGIN or COMMIT: it commits as it runs, and a few of the same text go over together.

Each call is awaited before the next is handed over, so after an error nothing runs in
autocommit by mistake. Results are only handed out after COMMIT, so nothing is reported
saved that was not. If anything in the batch fails, its transaction is rolled back and
each job runs again on its own, as written: the bad write gets its error alone, the
others are saved. That also covers the errors (SQLITE_FULL, IOERR) that end the whole
transaction halfway.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Awaitable, Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import groupby
from typing import Any

import aiosqlite

from db.backend import Params, Row, Statement
from db.sqlite.connection import fetch, quiet_rollback
from db.sqlite.returning import Plan, RowCapture

# Group commit takes every write waiting at the time, up to this many: enough for the
# loads the bot sees, small enough that one batch keeps the thread for about a millisecond.
MAX_BATCH = 128
# Fewer writes of one statement than this each commit by themselves, in one executemany:
# the event loop waits once, where BEGIN, executemany and COMMIT are three waits in a row.
GROUP_FROM = 4

Job = Sequence[Statement]
Result = list[list[Row]]  # the rows of each statement of a job
# Per job: (error, None) or (None, result).
Outcome = tuple[BaseException | None, Result | None]


@dataclass(frozen=True)
class Writer:
    """The connection every write of this process goes through, and its RowCapture."""

    conn: aiosqlite.Connection
    capture: RowCapture


BatchRunner = Callable[[Writer, list[Job]], Awaitable[list[Outcome]]]


async def run_alone(writer: Writer, job: Job) -> Outcome:
    """One job in a transaction of its own, each statement as written."""
    conn = writer.conn
    try:
        if len(job) == 1:
            sql, params = job[0]
            return None, [await fetch(conn, sql, params)]  # commits as it runs
        await fetch(conn, "BEGIN IMMEDIATE")
        rows = [await fetch(conn, sql, params) for sql, params in job]
        await fetch(conn, "COMMIT")
    except Exception as exc:
        await quiet_rollback(conn)
        return exc, None
    return None, rows


class _Counted:
    """Parameter sets handed out one at a time, counted: how far executemany got."""

    def __init__(self, param_sets: list[Any]) -> None:
        self._param_sets = param_sets
        self.taken = 0

    def __iter__(self) -> Iterator[Any]:
        # sqlite3 takes the next set only once the one before has run, so after an
        # error the last set taken is the one that failed.
        for params in self._param_sets:
            self.taken += 1
            yield params


async def _execute_many(
    writer: Writer, plan: Plan, param_sets: list[Params]
) -> tuple[Result, BaseException | None, int]:
    """One executemany of `plan` (see returning.py).

    The rows of each parameter set, the error if one failed and that set's index (-1 if
    none ran: the statement itself was refused).
    """
    handed: list[Any] = list(param_sets)
    first = 0
    if plan.names is not None:
        first, handed = writer.capture.tag(param_sets)
    counted = _Counted(handed)
    error: BaseException | None = None
    try:
        await writer.conn.executemany(plan.sql, counted)
    except Exception as exc:
        error = exc
    if plan.names is None:  # returns no rows
        rows: Result = [[] for _ in param_sets]
    else:
        rows = writer.capture.take(plan, first, len(handed))
    return rows, error, counted.taken - 1


def _plan_for(writer: Writer, sql: str, param_sets: list[Params]) -> Plan | None:
    """How to hand over a run of one statement together, or None: one at a time."""
    plan = writer.capture.plan(sql) if len(param_sets) > 1 else None
    return plan if plan is not None and plan.fits(param_sets) else None


async def _run_statements(writer: Writer, statements: list[Statement]) -> Result:
    """The rows of each statement, in order; equal neighbours go over as one executemany.

    Raises the first error: the transaction is then the caller's to roll back.
    """
    rows: Result = []
    for sql, run in groupby(statements, key=lambda statement: statement[0]):
        param_sets = [params for _, params in run]
        plan = _plan_for(writer, sql, param_sets)
        if plan is None:
            rows.extend([await fetch(writer.conn, sql, params) for params in param_sets])
            continue
        run_rows, error, _ = await _execute_many(writer, plan, param_sets)
        if error is not None:
            raise error
        rows.extend(run_rows)
    return rows


async def _commit_each(writer: Writer, jobs: list[Job]) -> list[Outcome]:
    """Writes of one statement each, each committed by itself as it runs.

    Neighbours with the same SQL text go over as one executemany: one wait of the event
    loop for all of them. If one fails, those before it are saved, it gets its error,
    and those after it, which did not run, go again.
    """
    outcomes: list[Outcome] = []
    for sql, run in groupby(jobs, key=lambda job: job[0][0]):
        same = list(run)
        param_sets = [job[0][1] for job in same]
        plan = _plan_for(writer, sql, param_sets)
        if plan is None:
            outcomes.extend([await run_alone(writer, job) for job in same])
            continue
        rows, error, failed = await _execute_many(writer, plan, param_sets)
        if error is None:
            outcomes.extend((None, [own]) for own in rows)
        elif failed < 0:
            outcomes.extend([await run_alone(writer, job) for job in same])
        else:
            outcomes.extend((None, [own]) for own in rows[:failed])
            outcomes.append((error, None))
            outcomes.extend(await _commit_each(writer, same[failed + 1 :]))
    return outcomes


async def run_in_one_transaction(writer: Writer, jobs: list[Job]) -> list[Outcome]:
    """The jobs in one BEGIN IMMEDIATE ... COMMIT; after any failure, each on its own."""
    if len(jobs) < GROUP_FROM and all(len(job) == 1 for job in jobs):
        return await _commit_each(writer, jobs)
    if len(jobs) == 1:
        return [await run_alone(writer, jobs[0])]
    conn = writer.conn
    try:
        await fetch(conn, "BEGIN IMMEDIATE")
    except Exception as exc:  # busy or read-only: no job can run now
        return [(exc, None)] * len(jobs)
    try:
        rows = await _run_statements(writer, [statement for job in jobs for statement in job])
        await fetch(conn, "COMMIT")
    except Exception:
        await quiet_rollback(conn)
        return [await run_alone(writer, job) for job in jobs]
    each = iter(rows)
    return [(None, [next(each) for _ in job]) for job in jobs]


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
                        await asyncio.shield(quiet_rollback(self.writer.conn))
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
