"""What only PostgreSQL has to show: two processes' stores on one database, outages, logins."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from pathlib import Path

import asyncpg
import pytest

from db import NewerSchemaError, ProfileUpdate, Store, StoreError, StoreUnavailableError
from db.postgres import backend as pg_backend
from tests.support import engines
from tests.support.proxy import CuttableProxy

pytestmark = pytest.mark.postgres


@pytest.fixture
async def url() -> AsyncIterator[str]:
    async with engines.fresh_schema() as fresh:
        yield fresh


def _schema_of(url: str) -> str:
    return url.rsplit("search_path=", 1)[1]


async def test_two_stores_on_one_database_share_everything(url: str) -> None:
    """Two stores are two processes' pools: one profile, one history, one budget."""
    first, second = await asyncio.gather(Store.open(url), Store.open(url))  # migrate at once
    try:
        await first.profiles.upsert(1, ProfileUpdate(role="mle", location="berlin"))
        await second.history.add(1, {"role": "mle"}, {"median": 1})
        seen = await second.profiles.get(1)
        assert seen is not None and seen.location == "berlin"
        assert [e.query for e in await first.history.recent(1)] == [{"role": "mle"}]
        takes = [
            (first if n % 2 else second).budgets.take(1, capacity=5, refill_per_s=0.1, now=9.0)
            for n in range(30)
        ]
        assert sum(result is None for result in await asyncio.gather(*takes)) == 5
    finally:
        await first.close()
        await second.close()


async def test_deleted_rows_are_gone_for_every_connection_at_once(url: str) -> None:
    marker = "zq-pg-marker"
    async with await Store.open(url) as store:
        for uid in (10, 11):
            await store.profiles.upsert(uid, ProfileUpdate(location=f"{marker}-{uid}"))
            await store.history.add(uid, {"who": f"{marker}-{uid}"}, {"p50": 1})
            await store.budgets.take(uid, capacity=5, refill_per_s=1, now=1.0)
        removed = await store.delete_user(10)
        assert removed == {"profiles": 1, "history": 1, "budgets": 1, "community_pay": 0}
        # Another connection, as another process would use, looks in every table.
        conn = await asyncpg.connect(engines.server_url())
        try:
            tables = [
                row["table_name"]
                for row in await conn.fetch(
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = $1",
                    _schema_of(url),
                )
            ]
            assert {"profiles", "history", "budgets", "meta", "guild_settings"} <= set(tables)
            found = {}
            for table in tables:
                rows = await conn.fetch(f"SELECT * FROM {_schema_of(url)}.{table}")
                text = [str(dict(row)) for row in rows]
                # The deleted person's marker or id, not a "10" inside someone's timestamp.
                found[table] = sum(f"{marker}-10" in t or "'user_id': 10," in t for t in text)
            assert all(count == 0 for count in found.values()), found
            others = await conn.fetchval(f"SELECT count(*) FROM {_schema_of(url)}.history")
            assert others == 1
        finally:
            await conn.close()


async def test_newer_schema_is_refused(url: str) -> None:
    await (await Store.open(url)).close()
    conn = await asyncpg.connect(url)
    await conn.execute("INSERT INTO schema_migrations VALUES (99, 'future', 'x')")
    await conn.close()
    with pytest.raises(NewerSchemaError) as caught:
        await Store.open(url)
    assert "99" in caught.value.message


async def test_refused_password_is_a_clear_error_without_the_password(url: str) -> None:
    wrong = url.replace("postgres:", "postgres:not-the-password-", 1)
    assert wrong != url
    with pytest.raises(StoreError) as caught:
        await Store.open(wrong)
    assert caught.value.message == "The bot's storage refused the bot's credentials."
    assert "not-the-password" not in str(caught.value)
    assert "***" in caught.value.detail


async def test_unreachable_server_is_a_clear_error(unused_tcp_port: int) -> None:
    with pytest.raises(StoreUnavailableError) as caught:
        await Store.open(f"postgresql://bot:secret-pw@127.0.0.1:{unused_tcp_port}/x")
    assert "secret-pw" not in str(caught.value)
    assert f"127.0.0.1:{unused_tcp_port}" in caught.value.detail


async def test_an_outage_fails_fast_then_reconnects(
    url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pg_backend, "BACKOFF_FIRST_S", 0.2)
    proxy = CuttableProxy(url)
    await proxy.start()
    store = await Store.open(proxy.url)
    try:
        await store.profiles.upsert(5, ProfileUpdate(role="mle"))
        await proxy.cut()
        with pytest.raises(StoreUnavailableError):
            await store.profiles.upsert(5, ProfileUpdate(years=3))
        # Marked down: the next call does not wait for a connection attempt.
        started = time.monotonic()
        with pytest.raises(StoreUnavailableError) as caught:
            await store.profiles.get(5)
        assert time.monotonic() - started < 0.1
        assert caught.value.message.startswith("Saving is unavailable right now")
        await proxy.restore()
        for _ in range(100):
            await asyncio.sleep(0.1)
            try:
                profile = await store.profiles.upsert(5, ProfileUpdate(years=4))
                break
            except StoreUnavailableError:
                continue
        else:
            raise AssertionError("the store never reconnected")
        assert profile.role == "mle" and profile.years == 4
    finally:
        await store.close()
        await proxy.cut()


async def test_both_engines_end_with_the_same_tables(url: str, tmp_path: Path) -> None:
    """db/migrations/postgres/ replaces SQL that must differ; the resulting tables agree."""
    async with await Store.open(tmp_path / "s.db") as sqlite_store:
        sqlite_tables = {
            row["name"]: [
                (c["name"], _kind(c["type"]), bool(c["notnull"]) or bool(c["pk"]), bool(c["pk"]))
                for c in await sqlite_store.backend.read_all(f"PRAGMA table_info({row['name']})")
            ]
            for row in await sqlite_store.backend.read_all(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        }
    async with await Store.open(url) as pg_store:
        columns = await pg_store.backend.read_all(
            "SELECT c.table_name, c.column_name, c.data_type, c.is_nullable, "
            "(k.column_name IS NOT NULL) AS pk FROM information_schema.columns c "
            "LEFT JOIN information_schema.key_column_usage k ON k.table_schema = c.table_schema "
            "AND k.table_name = c.table_name AND k.column_name = c.column_name "
            "AND k.constraint_name LIKE '%pkey' "
            "WHERE c.table_schema = ? ORDER BY c.table_name, c.ordinal_position",
            (_schema_of(url),),
        )
    pg_tables: dict[str, list[tuple[str, str, bool, bool]]] = {}
    for c in columns:
        if c["table_name"] == "schema_migrations":  # PostgreSQL's user_version
            continue
        pg_tables.setdefault(c["table_name"], []).append(
            (c["column_name"], _kind(c["data_type"]), c["is_nullable"] == "NO", bool(c["pk"]))
        )
    assert pg_tables == sqlite_tables


def _kind(declared: str) -> str:
    """Both engines' column types by what they store."""
    name = declared.lower()
    if "int" in name:
        return "integer"
    if "double" in name or "real" in name:
        return "real"
    return name
