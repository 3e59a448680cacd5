"""Finds and checks the schema migrations shipped in db/migrations (NNN_name.sql).

Migrations are portable SQL shared by every engine. Where an engine needs different SQL
(PostgreSQL has no rowid, so ids need BIGINT and an identity), db/migrations/<engine>/
holds a file with the same number that replaces the shared one for that engine only;
tests/db/test_postgres.py checks that the engines still end up with the same tables.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path

from db.errors import MigrationError

_NAME = re.compile(r"^(\d{3})_([a-z0-9_]+)\.sql$")
# The runner wraps each file in its own transaction; a file that commits by itself
# would break "all of it or none of it".
_TXN_CONTROL = re.compile(
    r"^\s*(BEGIN(\s+(DEFERRED|IMMEDIATE|EXCLUSIVE))?(\s+TRANSACTION)?|COMMIT|END\s+TRANSACTION|ROLLBACK)\s*;",
    re.IGNORECASE | re.MULTILINE,
)


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def default_dir() -> Traversable:
    return resources.files("db") / "migrations"


def load(
    directory: Traversable | Path | None = None, *, engine: str | None = None
) -> list[Migration]:
    """Migrations in order. Versions must run 1, 2, 3... with no gap or duplicate."""
    folder = default_dir() if directory is None else directory
    found = _read(folder)
    override = folder / engine if engine is not None else None
    if override is not None and override.is_dir():
        replaced = {migration.version: migration for migration in _read(override)}
        unknown = sorted(set(replaced) - {migration.version for migration in found})
        if unknown:
            raise MigrationError(
                f"Migration {unknown[0]:03d} for {engine} replaces no shared migration."
            )
        found = [replaced.get(migration.version, migration) for migration in found]
    found.sort(key=lambda m: m.version)
    for expected, migration in enumerate(found, start=1):
        if migration.version != expected:
            raise MigrationError(
                f"Migrations must be numbered 001, 002, ... without gaps; "
                f"expected {expected:03d} but found {migration.version:03d}_{migration.name}."
            )
    return found


def _read(folder: Traversable | Path) -> list[Migration]:
    found: list[Migration] = []
    for entry in folder.iterdir():
        if not entry.name.endswith(".sql"):
            continue
        match = _NAME.match(entry.name)
        if match is None:
            raise MigrationError(f"Migration file {entry.name!r} is not named NNN_name.sql.")
        sql = entry.read_text(encoding="utf-8")
        if _TXN_CONTROL.search(sql):
            raise MigrationError(f"Migration {entry.name} must not begin or end transactions.")
        found.append(Migration(int(match[1]), match[2], sql))
    return found
