"""A PostgreSQL schema of a benchmark's own, so that it never touches the server's data."""

from __future__ import annotations

import contextlib
import secrets
from collections.abc import AsyncIterator


@contextlib.asynccontextmanager
async def fresh_schema(database: str) -> AsyncIterator[str]:
    """The URL of a new, empty schema on the server of `database`, dropped afterwards."""
    import asyncpg  # only the PostgreSQL runs need it

    schema = f"bench_{secrets.token_hex(4)}"
    conn = await asyncpg.connect(database)
    try:
        await conn.execute(f"CREATE SCHEMA {schema}")
        yield f"{database}{'&' if '?' in database else '?'}search_path={schema}"
    finally:
        await conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        await conn.close()
