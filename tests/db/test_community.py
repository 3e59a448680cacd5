"""Community pay in the store: keyed hashes only, replace, limits, pools, export and delete."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest

from db import Store
from db.community import CommunityDraft, DailyLimitReached
from db.pseudonym import Pseudonyms, key_path_for

ALICE = 731_555_123_456_789_001
BOB = 731_555_123_456_789_002


def draft(**changes: object) -> CommunityDraft:
    values: dict[str, object] = {
        "role": "ml_engineer",
        "level": "senior",
        "location": "seattle",
        "company_type": "big_tech",
        "base": 190_000.0,
        "bonus": 20_000.0,
        "equity": 60_000.0,
        "currency": "USD",
        "year": 2026,
    }
    return CommunityDraft.model_validate({**values, **changes})


def _raw(path: Path) -> bytes:
    return path.read_bytes()


SHIPPED = Path(__file__).resolve().parents[2] / "db" / "migrations"


def _files(db_path: Path) -> list[Path]:
    return [p for p in db_path.parent.iterdir() if p.name.startswith(db_path.name)]


@pytest.mark.sqlite_only
async def test_a_submission_keeps_no_id_in_the_files(store: Store, db_path: Path) -> None:
    await store.community.submit(ALICE, 42, draft())
    await store.community.submit(BOB, 42, draft(base=170_000.0))
    for file in _files(db_path):
        data = file.read_bytes()
        assert str(ALICE).encode() not in data and str(BOB).encode() not in data, file.name
        assert ALICE.to_bytes(8, "big", signed=True) not in data
        assert ALICE.to_bytes(8, "little", signed=True) not in data
    conn = sqlite3.connect(db_path)
    try:
        persons = {row[0] for row in conn.execute("SELECT person FROM community_pay")}
    finally:
        conn.close()
    assert persons == {store.community.pseudonyms.of(ALICE), store.community.pseudonyms.of(BOB)}
    assert all(len(person) == 64 for person in persons)


async def test_the_key_is_a_private_file_beside_the_database(db_path: Path) -> None:
    async with await Store.open(db_path) as store:
        first = store.community.pseudonyms.of(ALICE)
    key_file = key_path_for(db_path)
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    key = bytes.fromhex(key_file.read_text())
    stored = _raw(db_path)
    assert key not in stored and key.hex().encode() not in stored
    async with await Store.open(db_path) as store:
        assert store.community.pseudonyms.of(ALICE) == first, "the same key on every run"


async def test_a_key_setting_overrides_the_file(db_path: Path) -> None:
    async with await Store.open(db_path, pool_key=b"server-wide secret") as store:
        assert store.community.pseudonyms.of(ALICE) == Pseudonyms(b"server-wide secret").of(ALICE)
    assert not key_path_for(db_path).exists()


async def test_sharing_again_replaces_the_role_year(store: Store) -> None:
    first, replaced = await store.community.submit(ALICE, 42, draft())
    assert not replaced
    second, replaced = await store.community.submit(ALICE, 42, draft(base=200_000.0))
    assert replaced and second.id == first.id
    _, replaced = await store.community.submit(ALICE, 42, draft(year=2025))
    assert not replaced
    mine = await store.community.mine(ALICE)
    assert [(s.year, s.base) for s in mine] == [(2026, 200_000.0), (2025, 190_000.0)]
    assert await store.community.mine(BOB) == []


async def test_a_few_submissions_a_day_then_a_polite_stop(store: Store) -> None:
    for year in (2024, 2025, 2026):
        await store.community.submit(ALICE, 42, draft(year=year))
    with pytest.raises(DailyLimitReached):
        await store.community.submit(ALICE, 42, draft(year=2023))
    assert len(await store.community.mine(ALICE)) == 3, "the refused one was not stored"
    await store.community.submit(BOB, 42, draft())


async def test_cells_pool_per_server_or_across_opted_in_servers(store: Store) -> None:
    await store.community.submit(ALICE, 1, draft())
    await store.community.submit(BOB, 2, draft())
    await store.community.submit(BOB + 1, 3, draft())
    await store.community.submit(BOB + 2, 1, draft(location="london"))
    await store.community.submit(BOB + 3, 1, draft(held_reason="a bonus over 3 times the base"))
    own = await store.community.cell("ml_engineer", "senior", "seattle", 1)
    assert [row.guild_id for row in own] == [1], "other cells and held rows stay out"
    await store.guilds.update(2, shared_pool=True)
    own = await store.community.cell("ml_engineer", "senior", "seattle", 1)
    assert [row.guild_id for row in own] == [1], "server 1 has not opted in"
    await store.guilds.update(1, shared_pool=True)
    shared = await store.community.cell("ml_engineer", "senior", "seattle", 1)
    assert sorted(row.guild_id for row in shared) == [1, 2], "server 3 did not opt in"
    third = await store.community.cell("ml_engineer", "senior", "seattle", 3)
    assert [row.guild_id for row in third] == [3], "nor does it see the shared pool"


async def test_admins_see_counts_and_remove_held_rows_without_authors(store: Store) -> None:
    await store.community.submit(ALICE, 1, draft())
    held, _ = await store.community.submit(BOB, 1, draft(held_reason="equity over 10 times"))
    counts = await store.community.counts(1)
    assert [(c.live, c.held) for c in counts] == [(1, 1)]
    listed = await store.community.held(1)
    assert [item.id for item in listed] == [held.id]
    assert "person" not in listed[0].model_dump()
    assert not await store.community.remove_held(2, held.id), "another server's row"
    live = (await store.community.mine(ALICE))[0]
    assert not await store.community.remove_held(1, live.id), "only held rows"
    assert await store.community.remove_held(1, held.id)
    assert await store.community.mine(BOB) == []


@pytest.mark.sqlite_only
async def test_export_and_delete_cover_shared_pay(store: Store, db_path: Path) -> None:
    await store.community.submit(ALICE, 1, draft())
    await store.community.submit(BOB, 1, draft())
    exported = await store.export_user(ALICE)
    assert [s["base"] for s in exported["community_pay"]["submissions"]] == [190_000.0]
    assert exported["community_pay"]["submissions_per_day"][0]["used"] == 1
    removed = await store.delete_user(ALICE)
    assert removed["community_pay"] == 1
    assert await store.community.mine(ALICE) == []
    assert len(await store.community.mine(BOB)) == 1
    conn = sqlite3.connect(db_path)
    try:
        quota = conn.execute("SELECT COUNT(*) FROM community_pay_quota").fetchone()[0]
    finally:
        conn.close()
    assert quota == 1, "only Bob's day is left"


async def test_deleting_one_or_all_of_mine(store: Store) -> None:
    first, _ = await store.community.submit(ALICE, 1, draft())
    await store.community.submit(ALICE, 1, draft(year=2025))
    assert await store.community.delete_mine(BOB, first.id) == 0, "not Bob's"
    assert await store.community.delete_mine(ALICE, first.id) == 1
    assert await store.community.delete_mine(ALICE) == 1
    assert await store.community.mine(ALICE) == []


async def test_a_store_from_before_shared_pay_opens_and_keeps_its_settings(tmp_path: Path) -> None:
    old = tmp_path / "old-migrations"
    old.mkdir()
    for name in ("001_initial.sql", "002_profile_remote.sql"):
        (old / name).write_text((SHIPPED / name).read_text())
    db_path = tmp_path / "old.sqlite3"
    async with await Store.open(db_path, migrations_dir=old) as store:
        await store.guilds.update(9, public_answers=True)
    async with await Store.open(db_path) as store:
        settings = await store.guilds.get(9)
        assert settings.public_answers and not settings.shared_pool and settings.pay_sharing
        await store.community.submit(ALICE, 9, draft())
        assert len(await store.community.mine(ALICE)) == 1


async def _counts(store: Store) -> list[tuple[str, str, int]]:
    rows = await store.backend.read_all(
        "SELECT person, day, used FROM community_pay_quota ORDER BY person, day"
    )
    return [(row["person"], row["day"], int(row["used"])) for row in rows]


async def test_a_deleted_share_counts_today_but_is_not_listed_once_all_are_gone(
    store: Store,
) -> None:
    await store.community.submit(ALICE, 42, draft(year=2026))
    await store.community.submit(ALICE, 42, draft(year=2025))
    (one,) = [s for s in await store.community.mine(ALICE) if s.year == 2025]
    assert await store.community.delete_mine(ALICE, one.id) == 1
    kept = (await store.export_user(ALICE))["community_pay"]
    assert [entry["used"] for entry in kept["submissions_per_day"]] == [2]

    assert await store.community.delete_mine(ALICE) == 1
    assert (await store.export_user(ALICE))["community_pay"] == {
        "submissions": [],
        "submissions_per_day": [],
    }
    person = store.community.pseudonyms.of(ALICE)
    assert all(row[0] != person for row in await _counts(store)), "not under the pseudonym"
    await store.community.submit(ALICE, 42, draft(year=2024))
    with pytest.raises(DailyLimitReached):  # the two deleted ones still count today
        await store.community.submit(ALICE, 42, draft(year=2023))

    await store.delete_user(ALICE)
    assert await _counts(store) == []


async def test_counts_of_earlier_days_are_removed(store: Store) -> None:
    person = store.community.pseudonyms.of(BOB)
    await store.backend.write(
        "INSERT INTO community_pay_quota (person, day, used) VALUES (?, '2001-01-01', 3)",
        (person,),
    )
    await store.community.submit(ALICE, 42, draft())
    assert [(row[0], row[2]) for row in await _counts(store)] == [
        (store.community.pseudonyms.of(ALICE), 1)
    ]
