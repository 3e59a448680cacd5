"""Finds and checks the schema migrations shipped in db/migrations (NNN_name.sql).

Migrations are portable SQL shared by every engine. Where an engine needs different SQL
(PostgreSQL has no rowid, so ids need BIGINT and an identity), db/migrations/<engine>/
holds a file of the same name with only the statements that differ (ALTERs of what the
shared file created); it runs right after the shared file, as part of the same migration.
tests/db/test_postgres.py checks that the engines still end up with the same tables.

A database records the migrations it applied by number, so an applied one is never run
again: changing how a file is split between the shared and the engine folder is safe as
long as a new database still ends up with the same tables.
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
    engine_folder = folder / engine if engine is not None else None
    if engine_folder is not None and engine_folder.is_dir():
        extra = {(m.version, m.name): m for m in _read(engine_folder)}
        unknown = sorted(set(extra) - {(m.version, m.name) for m in found})
        if unknown:
            version, name = unknown[0]
            raise MigrationError(
                f"Migration {version:03d}_{name} for {engine} has no shared file of that name."
            )
        found = [_then(m, extra.get((m.version, m.name))) for m in found]
    found.sort(key=lambda m: m.version)
    for expected, migration in enumerate(found, start=1):
        if migration.version != expected:
            raise MigrationError(
                f"Migrations must be numbered 001, 002, ... without gaps; "
                f"expected {expected:03d} but found {migration.version:03d}_{migration.name}."
            )
    return found


def _then(shared: Migration, extra: Migration | None) -> Migration:
    """The shared migration followed by an engine's own statements, as one migration."""
    if extra is None:
        return shared
    return Migration(shared.version, shared.name, f"{shared.sql}\n{extra.sql}")


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
