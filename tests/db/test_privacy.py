from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from db import ProfileUpdate, Store

USER = 424242424242
OTHER = 777
MARKER = "zq-unique-location-marker"


async def _fill(store: Store) -> None:
    for uid in (USER, OTHER):
        await store.profiles.upsert(
            uid, ProfileUpdate(role="mle", location=f"{MARKER}-{uid}", skills=["python"])
        )
        for n in range(3):
            await store.history.add(uid, {"who": f"{MARKER}-{uid}", "n": n}, {"p50": n})
    await store.guilds.update(1, public_answers=True)
    await store.meta.set("tree_hash", "abc")


def _rows_mentioning(path: Path, needle: str) -> dict[str, int]:
    """Count rows in every table (from sqlite_master) with any column containing needle."""
    conn = sqlite3.connect(path)
    try:
        tables = [
            name
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        found = {}
        for table in tables:
            columns = [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]
            where = " OR ".join(f"instr(CAST({c} AS TEXT), ?) > 0" for c in columns)
            (count,) = conn.execute(
                f"SELECT count(*) FROM {table} WHERE {where}", [needle] * len(columns)
            ).fetchone()
            found[table] = count
        return found
    finally:
        conn.close()


async def test_export_contains_everything_and_is_json(store: Store) -> None:
    await _fill(store)
    exported = await store.export_user(USER)
    text = json.dumps(exported)
    assert f"{MARKER}-{OTHER}" not in text
    again = json.loads(text)
    assert again["user_id"] == USER
    assert again["profiles"]["location"] == f"{MARKER}-{USER}"
    assert [entry["query"]["n"] for entry in again["history"]] == [2, 1, 0]


async def test_export_of_unknown_user_is_empty(store: Store) -> None:
    exported = await store.export_user(12345)
    assert exported["profiles"] is None and exported["history"] == []


@pytest.mark.sqlite_only
async def test_delete_user_removes_every_trace_and_nothing_else(
    store: Store, db_path: Path
) -> None:
    await _fill(store)
    before = _rows_mentioning(db_path, str(USER))
    assert before["profiles"] == 1 and before["history"] == 3

    removed = await store.delete_user(USER)

    assert removed == {"profiles": 1, "history": 3, "budgets": 0, "community_pay": 0}
    after = _rows_mentioning(db_path, str(USER))
    assert set(after) >= {"profiles", "history", "guild_settings", "meta", "budgets"}
    assert all(count == 0 for count in after.values()), after
    assert _rows_mentioning(db_path, f"{MARKER}-{USER}") == dict.fromkeys(after, 0)
    assert _rows_mentioning(db_path, f"{MARKER}-{OTHER}")["history"] == 3
    assert await store.profiles.get(OTHER) is not None
    assert (await store.guilds.get(1)).public_answers is True
    assert await store.delete_user(USER) == {
        "profiles": 0,
        "history": 0,
        "budgets": 0,
        "community_pay": 0,
    }


@pytest.mark.sqlite_only
async def test_deleted_data_is_gone_from_the_files(store: Store, db_path: Path) -> None:
    await _fill(store)
    await store.delete_user(USER)
    needle = f"{MARKER}-{USER}".encode()
    files = [p for p in db_path.parent.iterdir() if p.name.startswith(db_path.name)]
    kept = f"{MARKER}-{OTHER}".encode()
    assert any(kept in file.read_bytes() for file in files)
    for file in files:
        assert needle not in file.read_bytes(), file.name
