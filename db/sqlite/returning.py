"""RETURNING rows for writes handed to the connection together, with executemany.

sqlite3's executemany runs one statement for many parameter sets in a single call, but
drops the rows of a RETURNING clause. SQLite evaluates a RETURNING clause as it makes
each change, so a statement ending in `RETURNING a, b` (or `RETURNING *`) is run as
`RETURNING keep_row(?, a, b)`: keep_row, a function of ours registered on the writer,
is handed every row on the connection's thread with a tag naming its parameter set,
and the rows are read back once executemany returns.

Only the simple forms are rewritten: `*` and a list of plain column names at the end of
an INSERT, REPLACE, UPDATE or DELETE with plain `?` parameters. Any other statement
returns None from plan() and is run one parameter set at a time, as written; so is a
run with a parameter set of the wrong length, which then fails alone with its own error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import aiosqlite

from db.backend import Params, Row

KEEP_ROW = "keep_row"
# Plans remembered per SQL text; the bot's writes are a few dozen texts.
_MAX_PLANS = 512
_NAME = r"[A-Za-z_][A-Za-z0-9_]*"
_WRITE = re.compile(
    rf"^\s*(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|REPLACE\s+INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM)"
    rf"\s+({_NAME})(?=[\s(])",
    re.IGNORECASE,
)
# Numbered and named parameters: the tag must be the last of plain `?` ones.
_OTHER_PARAMETERS = re.compile(r"\?\d|[:@$][A-Za-z_]")
_RETURNING_WORD = re.compile(r"\bRETURNING\b", re.IGNORECASE)
_RETURNING_TAIL = re.compile(
    rf"\bRETURNING\s+(\*|{_NAME}(?:\s*,\s*{_NAME})*)\s*;?\s*$", re.IGNORECASE
)
# Every table's columns as RETURNING * lists them (hidden = 1 marks a virtual table's
# hidden columns, which * leaves out).
_COLUMNS = (
    "SELECT m.name AS table_name, c.name AS column_name "
    "FROM sqlite_schema AS m JOIN pragma_table_xinfo(m.name) AS c "
    "WHERE m.type = 'table' AND c.hidden != 1 ORDER BY m.name, c.cid"
)


@dataclass(frozen=True)
class Plan:
    """How to run one statement with executemany.

    When `names` (the columns of the rows it keeps) is set, `sql` takes a tag as an extra
    last parameter (RowCapture.tag). Without names the statement returns no rows.
    """

    sql: str
    names: tuple[str, ...] | None
    parameters: int  # how many the statement as written takes

    def fits(self, param_sets: list[Params]) -> bool:
        # A set one short would otherwise bind the tag in its place instead of failing.
        return all(len(params) == self.parameters for params in param_sets)


class RowCapture:
    """The writer's keep_row function and the rows it has been handed."""

    def __init__(self, columns: dict[str, tuple[str, ...]]) -> None:
        self._columns = columns
        self._kept: list[tuple[Any, ...]] = []
        self._next_tag = 0
        self._plans: dict[str, Plan | None] = {}

    @classmethod
    async def install(cls, conn: aiosqlite.Connection) -> RowCapture:
        """Register keep_row on `conn`; call after the schema is up to date."""
        columns: dict[str, list[str]] = {}
        for row in await conn.execute_fetchall(_COLUMNS):
            columns.setdefault(str(row[0]).lower(), []).append(row[1])
        capture = cls({table: tuple(names) for table, names in columns.items()})
        await conn.create_function(KEEP_ROW, -1, capture._keep)
        return capture

    def _keep(self, *values: Any) -> None:
        # Runs on the connection's thread, while the event loop waits for executemany.
        self._kept.append(values)

    def tag(self, param_sets: list[Params]) -> tuple[int, list[tuple[Any, ...]]]:
        """The parameter sets with their tags added, and the first tag."""
        # Tags only grow, so rows of a run whose caller stopped waiting (cancelled, its
        # executemany still run by the thread) are never taken for a later run's.
        first = self._next_tag
        self._next_tag += len(param_sets)
        return first, [(*params, first + n) for n, params in enumerate(param_sets)]

    def take(self, plan: Plan, first: int, count: int) -> list[list[Row]]:
        """The rows kept for the `count` parameter sets tagged from `first` on."""
        kept, self._kept = self._kept, []
        assert plan.names is not None
        rows: list[list[Row]] = [[] for _ in range(count)]
        for tag, *values in kept:
            if first <= tag < first + count:
                rows[tag - first].append(dict(zip(plan.names, values, strict=True)))
        return rows

    def plan(self, sql: str) -> Plan | None:
        """How to run `sql` with executemany, or None if it must run one set at a time."""
        if sql not in self._plans:
            if len(self._plans) >= _MAX_PLANS:
                self._plans.clear()
            self._plans[sql] = self._make_plan(sql)
        return self._plans[sql]

    def _make_plan(self, sql: str) -> Plan | None:
        write = _WRITE.match(sql)
        if write is None:
            return None  # a read, a PRAGMA, a WITH ...: executemany refuses or hides rows
        if _OTHER_PARAMETERS.search(sql) is not None:
            return None
        parameters = sql.count("?")
        if _RETURNING_WORD.search(sql) is None:
            return Plan(sql, None, parameters)
        tail = _RETURNING_TAIL.search(sql)
        if tail is None:
            return None
        if tail.group(1) == "*":
            names = self._columns.get(write.group(1).lower())
            if names is None:
                return None
            listed = ", ".join(f'"{name}"' for name in names)
        else:
            names = tuple(name.strip() for name in tail.group(1).split(","))
            listed = ", ".join(names)
        return Plan(f"{sql[: tail.start()]}RETURNING {KEEP_ROW}(?, {listed})", names, parameters)
