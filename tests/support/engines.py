"""The database engines the suites run on: SQLite files, or schemas on a PostgreSQL server.

`bash scripts/test` starts a throw-away PostgreSQL server and exports its URL as
TEST_DATABASE_URL. Each test gets a schema of its own on it (dropped afterwards), chosen
through the URL's search_path, so tests never see each other's rows.
"""

from __future__ import annotations

import asyncio
import os
import secrets
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from functools import cache

import asyncpg

URL_VARIABLE = "TEST_DATABASE_URL"


@cache
def postgres_unavailable() -> str | None:
    """Why PostgreSQL tests cannot run here, or None when the server answers."""
    url = os.environ.get(URL_VARIABLE)
    if not url:
        return f"PostgreSQL tests skipped: {URL_VARIABLE} is not set (bash scripts/test starts a server)"

    async def probe() -> None:
        conn = await asyncpg.connect(url, timeout=5)
        await conn.close()

    try:
        # On a thread of its own: this may be asked from inside a running event loop.
        with ThreadPoolExecutor(max_workers=1) as pool:
            pool.submit(asyncio.run, probe()).result()
    except Exception as error:
        return f"PostgreSQL tests skipped: the server at {URL_VARIABLE} does not answer ({type(error).__name__})"
    return None


def server_url() -> str:
    return os.environ[URL_VARIABLE]


def with_search_path(url: str, schema: str) -> str:
    return f"{url}{'&' if '?' in url else '?'}search_path={schema}"


@asynccontextmanager
async def fresh_schema() -> AsyncIterator[str]:
    """A URL whose tables live in a new, empty schema, dropped on exit."""
    url = server_url()
    schema = f"test_{secrets.token_hex(6)}"
    conn = await asyncpg.connect(url)
    try:
        await conn.execute(f"CREATE SCHEMA {schema}")
        yield with_search_path(url, schema)
    finally:
        await conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        await conn.close()
