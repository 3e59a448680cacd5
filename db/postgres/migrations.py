"""Running the schema migrations on PostgreSQL: one transaction each, under an advisory lock.

The applied versions are rows of schema_migrations (PostgreSQL has no user_version). The
lock makes bot processes that start together take turns: the first migrates, the others
then find the work done.
"""

from __future__ import annotations

from collections.abc import Sequence

import asyncpg

from db.encoding import now, timestamp
from db.errors import MigrationError, NewerSchemaError, StoreError
from db.postgres.errors import translate
from db.schema import Migration

# Any fixed 64-bit number, the same in every process of this bot.
_LOCK_KEY = 0x5A1A_27B0_7000_0016

_TRACKING = (
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
)


async def current_version(conn: asyncpg.Connection) -> int:
    value = await conn.fetchval("SELECT coalesce(max(version), 0) FROM schema_migrations")
    return int(value)


async def migrate(conn: asyncpg.Connection, where: str, migrations: Sequence[Migration]) -> None:
    """Bring the schema up to the newest migration, or refuse a newer one."""
    latest = len(migrations)
    async with conn.transaction():
        await conn.execute("SELECT pg_advisory_xact_lock($1)", _LOCK_KEY)
        await conn.execute(_TRACKING)
    current = await current_version(conn)
    if current > latest:
        raise NewerSchemaError(
            f"The bot's storage was written by a newer version of the bot (schema "
            f"{current}; this version knows up to {latest}). Upgrade the bot, or restore "
            "a backup from before.",
            detail=f"The database at {where} has schema {current}; this version knows up "
            f"to {latest}.",
        )
    for migration in migrations[current:]:
        await _apply(conn, where, migration)


async def _apply(conn: asyncpg.Connection, where: str, migration: Migration) -> None:
    label = f"{migration.version:03d}_{migration.name}"
    try:
        async with conn.transaction():
            await conn.execute("SELECT pg_advisory_xact_lock($1)", _LOCK_KEY)
            # Another process may have migrated while this one waited for the lock.
            if await current_version(conn) >= migration.version:
                return
            # Without parameters, execute() sends the whole file as one simple query.
            await conn.execute(migration.sql)
            await conn.execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
                migration.version,
                migration.name,
                timestamp(now()),
            )
    except asyncpg.PostgresError as exc:
        error = translate(exc, where)
        if type(error) is not StoreError:
            raise error from exc
        raise MigrationError(
            f"Upgrading the bot's storage failed in migration {label}; "
            f"it was left unchanged at schema version {migration.version - 1}.",
            detail=f"Upgrading the database at {where} failed in migration {label}: {exc}.",
        ) from exc
