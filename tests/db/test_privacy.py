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


def _sqlite_varint(value: int) -> bytes:
    """SQLite's variable-length integer, as rowids are stored in table pages."""
    if value > 0x00FFFFFFFFFFFFFF:  # nine bytes: eight of seven bits, the last of eight
        low, value = value & 0xFF, value >> 8
        seven = [(value >> (7 * n)) & 0x7F for n in range(8)][::-1]
        return bytes([b | 0x80 for b in seven]) + bytes([low])
    groups = [value & 0x7F]
    value >>= 7
    while value:
        groups.append((value & 0x7F) | 0x80)
        value >>= 7
    return bytes(reversed(groups))


def _forms(user_id: int) -> dict[str, bytes]:
    """Every form in which SQLite or the store may write an id."""
    return {
        "text": str(user_id).encode(),
        "8-byte big-endian": user_id.to_bytes(8, "big"),
        "varint": _sqlite_varint(user_id),
    }


def test_varint_matches_sqlite() -> None:
    conn = sqlite3.connect(":memory:")
    try:
        conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY)")
        for value in (5, 300, 2**40 + 7, 2**62 + 12345):
            conn.execute("INSERT INTO t VALUES (?)", (value,))
        image = conn.serialize()
    finally:
        conn.close()
    for value in (300, 2**40 + 7, 2**62 + 12345):
        assert _sqlite_varint(value) in image, value


@pytest.mark.sqlite_only
async def test_erasure_leaves_no_id_in_any_database_file(store: Store, db_path: Path) -> None:
    """Ids of erased people are in no page of the file, the WAL or the index pages."""
    people = [1_100_000_000_000_000_000 + 7919 * n for n in range(400)]
    for uid in people:
        await store.profiles.upsert(uid, ProfileUpdate(role="mle", location=f"loc-{uid % 97}"))
        await store.history.add(uid, {"n": uid % 13}, {"p50": 1})
        await store.budgets.take(uid, capacity=5, refill_per_s=1, now=1.0)
    erased = people[::10]
    for uid in erased:
        await store.delete_user(uid)

    files = sorted(p for p in db_path.parent.iterdir() if p.name.startswith(db_path.name))
    assert any(p.name.endswith("-wal") for p in files)
    images = {p.name: p.read_bytes() for p in files}
    kept = people[1]
    assert _forms(kept)["8-byte big-endian"] in b"".join(images.values())
    found = [
        (uid, form, name)
        for uid in erased
        for form, needle in _forms(uid).items()
        for name, image in images.items()
        if needle in image
    ]
    assert found == [], f"{len(found)} traces of erased people, e.g. {found[:5]}"
