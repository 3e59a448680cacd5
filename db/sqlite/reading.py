"""Reads that wait together go to the reader's thread as one statement.

Every statement handed to an aiosqlite connection costs a wake-up of its thread and one
of the event loop, and a hundred of them back to back keep both threads fighting over
the GIL. So reads queue, and those waiting when the reader frees up go together: those
with the same SQL text as one compound statement, `SELECT ?, <columns> ... UNION ALL
SELECT ?, <columns> ...`, whose first column tags each row with the read it belongs to.

Only reads whose terms can stand in a compound unchanged are combined: a SELECT without
ORDER BY, LIMIT, OFFSET, a compound of its own, window or numbered parameters. In such a
read the order of rows is SQLite's to choose, standalone or combined. Any other read,
and any combined read whose statement fails, runs on its own as written.
"""

from __future__ import annotations

import asyncio
import re
from collections import deque
from typing import Any

import aiosqlite

from db.backend import Params, Row
from db.sqlite.connection import fetch

# SQLite allows 500 terms in a compound SELECT; a batch of reads stays well below.
MAX_COMBINED = 128
_SELECT = re.compile(r"^\s*SELECT(?:\s+(?:DISTINCT|ALL)\b)?\s+", re.IGNORECASE)
_NOT_COMBINABLE = re.compile(
    r"\b(?:ORDER|LIMIT|OFFSET|UNION|INTERSECT|EXCEPT|WINDOW|OVER)\b|\?\d|[:@$][A-Za-z_]|;",
    re.IGNORECASE,
)

Waiting = tuple[str, Params, "asyncio.Future[list[Row]]"]


def combined_sql(sql: str, count: int) -> str | None:
    """`count` copies of the read `sql` as one compound, each row tagged; None if unsafe."""
    select = _SELECT.match(sql)
    if select is None or _NOT_COMBINABLE.search(sql) is not None:
        return None
    term = f"{sql[: select.end()]}?, {sql[select.end() :]}"
    return " UNION ALL ".join([term] * count)


class BatchedReader:
    """The reader connection, with reads that wait for it grouped as above."""

    def __init__(self, conn: aiosqlite.Connection) -> None:
        self.conn = conn
        self._idle = asyncio.Event()
        self._idle.set()
        self._waiting: deque[Waiting] = deque()
        self._drainer: asyncio.Task[None] | None = None
        self._combined: dict[tuple[str, int], str | None] = {}

    async def read(self, sql: str, params: Params) -> list[Row]:
        loop = asyncio.get_running_loop()
        future: asyncio.Future[list[Row]] = loop.create_future()
        self._waiting.append((sql, params, future))
        # Started on demand, so it runs once the reads arriving together have all queued.
        if self._drainer is None:
            self._idle.clear()
            self._drainer = loop.create_task(self._drain())
        return await future

    async def drain(self) -> None:
        """Wait until every read handed to this reader so far has run."""
        await self._idle.wait()

    async def _drain(self) -> None:
        try:
            while self._waiting:
                taken = [self._waiting.popleft() for _ in range(len(self._waiting))]
                if len(taken) == 1:  # the common case at a few reads a second
                    await self._run_one(taken[0])
                    continue
                groups: dict[str, list[Waiting]] = {}
                for waiting in taken:
                    if not waiting[2].cancelled():  # its caller gave up before it ran
                        groups.setdefault(waiting[0], []).append(waiting)
                if len(groups) == 1:
                    await self._run(*groups.values())
                else:
                    await asyncio.gather(*(self._run(group) for group in groups.values()))
        finally:
            self._drainer = None
            self._idle.set()

    async def _run(self, group: list[Waiting]) -> None:
        """One group of reads with the same SQL text; each caller gets its rows or error."""
        sql = group[0][0]
        for start in range(0, len(group), MAX_COMBINED):
            chunk = group[start : start + MAX_COMBINED]
            combined = self._combined_sql(sql, len(chunk)) if _fits(sql, chunk) else None
            if combined is not None:
                params = [value for n, (_, own, _) in enumerate(chunk) for value in (n, *own)]
                try:
                    rows = await self.conn.execute_fetchall(combined, params)
                except Exception:
                    pass  # each read on its own below reports its own error
                else:
                    _settle_tagged(chunk, rows)
                    continue
            await asyncio.gather(*(self._run_one(waiting) for waiting in chunk))

    async def _run_one(self, waiting: Waiting) -> None:
        sql, params, future = waiting
        if future.cancelled():  # its caller gave up before it ran
            return
        try:
            rows = await fetch(self.conn, sql, params)
        except Exception as exc:
            _settle(future, exc)
        else:
            _settle(future, rows)

    def _combined_sql(self, sql: str, count: int) -> str | None:
        key = (sql, count)
        if key not in self._combined:
            if len(self._combined) >= 4 * MAX_COMBINED:
                self._combined.clear()
            self._combined[key] = combined_sql(sql, count)
        return self._combined[key]


def _fits(sql: str, chunk: list[Waiting]) -> bool:
    # Every read must bring as many values as the statement has `?`, or the values of
    # one read would shift into the next read's term instead of failing.
    marks = sql.count("?")
    return len(chunk) > 1 and all(len(params) == marks for _, params, _ in chunk)


def _settle_tagged(chunk: list[Waiting], rows: Any) -> None:
    found: list[list[Row]] = [[] for _ in chunk]
    names = rows[0].keys()[1:] if rows else []
    for tag, *values in rows:
        found[tag].append(dict(zip(names, values, strict=True)))
    for (_, _, future), own in zip(chunk, found, strict=True):
        _settle(future, own)


def _settle(future: asyncio.Future[list[Row]], result: list[Row] | BaseException) -> None:
    if future.done():  # its caller stopped waiting
        return
    if isinstance(result, BaseException):
        future.set_exception(result)
    else:
        future.set_result(result)
