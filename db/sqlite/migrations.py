"""Running the schema migrations on SQLite, each in one transaction with user_version."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

import aiosqlite

from db.errors import MigrationError, NewerSchemaError, ReadOnlyError, StoreError
from db.schema import Migration
from db.sqlite.connection import fetch, pragma, quiet_rollback
from db.sqlite.errors import translate


def split_statements(sql: str) -> list[str]:
    """Split a script into statements using SQLite's own completeness test (handles triggers)."""
    statements: list[str] = []
    buffer = ""
    for part in re.split(r"(;)", sql):
        buffer += part
        if part == ";" and sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if _strip_comments(buffer).strip():
        raise MigrationError(
            "A database upgrade has an unfinished SQL statement; nothing was changed.",
            detail=f"Unterminated SQL statement in migration: {buffer.strip()[:80]!r}",
        )
    return statements


def _strip_comments(sql: str) -> str:
    return re.sub(r"--[^\n]*|/\*.*?\*/", "", sql, flags=re.DOTALL)


async def migrate(
    conn: aiosqlite.Connection, path: Path, migrations: Sequence[Migration], *, read_only: bool
) -> None:
    """Bring the schema (PRAGMA user_version) up to the newest migration."""
    latest = len(migrations)
    current = int(await pragma(conn, "user_version"))
    if current > latest:
        raise NewerSchemaError(
            f"The bot's storage was written by a newer version of the bot (schema "
            f"{current}; this version knows up to {latest}). Upgrade the bot, or restore "
            "a backup from before.",
            detail=f"The database {path} has schema {current}; this version knows up to {latest}.",
        )
    if current < latest and read_only:
        raise ReadOnlyError(
            "The bot's storage needs an upgrade but is read-only, so it was not changed.",
            detail=f"The database {path} needs upgrading to schema {latest} "
            "but was opened read-only.",
        )
    for migration in migrations[current:]:
        await _apply(conn, path, migration)


async def _apply(conn: aiosqlite.Connection, path: Path, migration: Migration) -> None:
    """Apply one migration and bump user_version in the same transaction."""
    statements = split_statements(migration.sql)
    label = f"{migration.version:03d}_{migration.name}"
    await fetch(conn, "BEGIN IMMEDIATE")
    try:
        # Another process may have migrated while this one waited for the lock.
        if int(await pragma(conn, "user_version")) >= migration.version:
            await conn.rollback()
            return
        for statement in statements:
            await fetch(conn, statement)
        await fetch(conn, f"PRAGMA user_version = {int(migration.version)}")
        await conn.commit()
    except sqlite3.Error as exc:
        await quiet_rollback(conn)
        _raise_migration_error(exc, path, label, migration.version - 1)
    except BaseException:
        await quiet_rollback(conn)
        raise


def _raise_migration_error(exc: sqlite3.Error, path: Path, label: str, version: int) -> NoReturn:
    error = translate(exc, path)
    if type(error) is not StoreError:
        raise error from exc  # read-only, full, busy, corrupt: say that, not "bad migration"
    raise MigrationError(
        f"Upgrading the bot's storage failed in migration {label}; "
        f"it was left unchanged at schema version {version}.",
        detail=f"Upgrading the database {path} failed in migration {label}: {exc}.",
    ) from exc
