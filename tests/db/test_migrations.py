# Tests inspect the files on disk between awaits, when nothing else runs: blocking is fine.
# ruff: noqa: ASYNC240
from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from db import MigrationError, NewerSchemaError, Store, schema
from db.sqlite import split_statements
from db.sqlite.connection import fetch

SHIPPED = Path(schema.__file__).parent / "migrations"


def _tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    conn.close()
    return {name for (name,) in rows}


def _user_version(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])
    finally:
        conn.close()


async def test_fresh_database_gets_every_migration(db_path: Path) -> None:
    store = await Store.open(db_path)
    await store.close()
    assert db_path.parent.is_dir()
    assert _user_version(db_path) == len(schema.load())
    assert {"profiles", "history", "guild_settings", "meta"} <= _tables(db_path)


async def test_reopening_keeps_data_and_version(db_path: Path) -> None:
    async with await Store.open(db_path) as store:
        await store.meta.set("k", "v")
    async with await Store.open(db_path) as store:
        assert await store.meta.get("k") == "v"
    assert _user_version(db_path) == len(schema.load())


@pytest.mark.sqlite_only
async def test_connection_settings(store: Store) -> None:
    conn = sqlite3.connect(store.backend.path)  # type: ignore[attr-defined]
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        conn.close()
    writer = store.backend._writer.writer.conn  # type: ignore[attr-defined]
    for pragma, expected in [
        ("foreign_keys", 1),
        ("synchronous", 1),  # NORMAL
        ("busy_timeout", 5000),
        ("secure_delete", 1),
    ]:
        rows = [tuple(row.values()) for row in await fetch(writer, f"PRAGMA {pragma}")]
        assert next(iter(rows))[0] == expected, pragma


async def test_newer_schema_is_refused_and_untouched(db_path: Path) -> None:
    await (await Store.open(db_path)).close()
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    before = db_path.read_bytes()
    with pytest.raises(NewerSchemaError) as info:
        await Store.open(db_path)
    assert "newer version" in info.value.message
    assert "99" in info.value.message
    assert str(db_path) not in info.value.message and str(db_path) in info.value.detail
    assert db_path.read_bytes() == before


async def test_failing_migration_leaves_database_as_it_was(tmp_path: Path) -> None:
    folder = tmp_path / "migrations"
    folder.mkdir()
    shutil.copy(SHIPPED / "001_initial.sql", folder)
    db_path = tmp_path / "bot.db"
    async with await Store.open(db_path, migrations_dir=folder) as store:
        await store.meta.set("kept", "yes")
    (folder / "002_broken.sql").write_text(
        "CREATE TABLE extra (id INTEGER PRIMARY KEY);\n"
        "INSERT INTO meta (key, value) VALUES ('half', 'done');\n"
        "ALTER TABLE no_such_table ADD COLUMN x TEXT;\n"
    )
    with pytest.raises(MigrationError) as info:
        await Store.open(db_path, migrations_dir=folder)
    assert "002_broken" in info.value.message
    # SQLite's own words and the path are for the log only.
    assert "no such table" not in info.value.message and str(db_path) not in info.value.message
    assert "no such table" in info.value.detail and str(db_path) in info.value.detail
    assert _user_version(db_path) == 1
    assert "extra" not in _tables(db_path)
    async with await Store.open(db_path) as store:
        assert await store.meta.get("kept") == "yes"
        assert await store.meta.get("half") is None


async def test_good_second_migration_applies(tmp_path: Path) -> None:
    folder = tmp_path / "migrations"
    folder.mkdir()
    shutil.copy(SHIPPED / "001_initial.sql", folder)
    (folder / "002_extra.sql").write_text(
        "CREATE TABLE extra (id INTEGER PRIMARY KEY);\n"
        "CREATE TRIGGER extra_touch AFTER INSERT ON extra BEGIN\n"
        "  INSERT INTO meta (key, value) VALUES ('touched', 'yes');\n"
        "END;\n"
    )
    db_path = tmp_path / "bot.db"
    await (await Store.open(db_path, migrations_dir=folder)).close()
    assert _user_version(db_path) == 2
    assert "extra" in _tables(db_path)


@pytest.mark.parametrize(
    ("files", "problem"),
    [
        ({"001_a.sql": "SELECT 1;", "003_c.sql": "SELECT 1;"}, "without gaps"),
        ({"1_a.sql": "SELECT 1;"}, "NNN_name.sql"),
        ({"001_a.sql": "BEGIN;\nSELECT 1;\nCOMMIT;"}, "transactions"),
    ],
)
def test_malformed_migration_folders_are_refused(
    tmp_path: Path, files: dict[str, str], problem: str
) -> None:
    for name, sql in files.items():
        (tmp_path / name).write_text(sql)
    with pytest.raises(MigrationError) as info:
        schema.load(tmp_path)
    assert problem in info.value.message


def test_split_statements_keeps_trigger_bodies_whole() -> None:
    sql = (
        "-- a comment; with a semicolon\n"
        "CREATE TABLE t (x TEXT DEFAULT 'a;b');\n"
        "CREATE TRIGGER g AFTER INSERT ON t BEGIN SELECT 1; SELECT 2; END;\n"
    )
    statements = split_statements(sql)
    assert len(statements) == 2
    assert statements[1].startswith("CREATE TRIGGER") and statements[1].endswith("END;")
    with pytest.raises(MigrationError):
        split_statements("CREATE TABLE t (x TEXT)")
