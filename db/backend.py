"""The seam between the repositories and a database engine.

Repositories speak standard SQL with qmark (?) parameters and never touch engine
specifics (pragmas, locking, file handling, error codes). SQLite lives in
db/sqlite/; db/postgres/ implements the same protocol on PostgreSQL (translating ?
to $n), for a bot sharded across processes.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractAsyncContextManager
from typing import Any, Protocol

Row = dict[str, Any]
Params = Sequence[Any]
Statement = tuple[str, Params]


class Transaction(Protocol):
    """Statements run inside one write transaction; all of them commit or none do."""

    async def fetch_all(self, sql: str, params: Params = ()) -> list[Row]: ...

    async def fetch_one(self, sql: str, params: Params = ()) -> Row | None: ...

    async def execute(self, sql: str, params: Params = ()) -> int:
        """Run a statement and return the number of rows it changed."""
        ...


class Backend(Protocol):
    async def read_all(self, sql: str, params: Params = ()) -> list[Row]:
        """A read that never waits behind writes."""
        ...

    async def read_one(self, sql: str, params: Params = ()) -> Row | None: ...

    async def write(self, sql: str, params: Params = ()) -> list[Row]:
        """One atomic write statement; returns the rows of its RETURNING clause."""
        ...

    async def write_all(self, statements: Sequence[Statement]) -> list[list[Row]]:
        """Several statements as one atomic write, in one trip to the database.

        Unlike a transaction it never holds the writer between trips, so it joins the
        writes group-committed with it: the form for small writes made on every answer.
        """
        ...

    def transaction(self) -> AbstractAsyncContextManager[Transaction]:
        """Several writes as one unit, serialised with every other write."""
        ...

    async def forget_deleted(self) -> None:
        """Make rows deleted for privacy unrecoverable from the files, where the engine can."""
        ...

    async def close(self) -> None: ...
