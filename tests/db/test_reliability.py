# Tests inspect the files on disk between awaits, when nothing else runs: blocking is fine.
# ruff: noqa: ASYNC240
from __future__ import annotations

import asyncio
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from db import (
    BusyError,
    CorruptDatabaseError,
    DiskFullError,
    OutageError,
    ProfileUpdate,
    ReadOnlyError,
    Store,
    StoreClosedError,
    StoreError,
)
from db.sqlite.errors import translate

ROOT = Path(__file__).resolve().parents[2]


def assert_safe(error: StoreError, path: Path) -> None:
    """Users see .message: no path, no SQLite wording. Logs see .detail, which names the file."""
    assert str(path) not in error.message and path.name not in error.message
    assert "sqlite" not in error.message.lower()
    assert str(path) in error.detail
    assert error.detail in str(error)


FIELDS = ["role", "level", "location", "industry", "education", "company_type", "currency"]


async def test_200_concurrent_readers_and_writers(store: Store) -> None:
    """100 writers change different fields of 20 shared profiles; none may be lost."""
    users = list(range(1, 21))
    upsert_fields = FIELDS[:4]

    async def writer(w: int) -> None:
        uid, batch = users[w % len(users)], w // len(users)
        if batch < len(upsert_fields):
            field = upsert_fields[batch]
            update = ProfileUpdate.model_validate({field: f"{field}-{uid}"})
            await store.profiles.upsert(uid, update)
        else:
            await store.history.add(uid, {"w": w}, {"p50": w})

    async def reader(r: int) -> None:
        uid = users[r % len(users)]
        profile = await store.profiles.get(uid)
        assert profile is None or profile.user_id == uid
        await store.history.recent(uid)
        await store.guilds.get(r)

    tasks = [writer(n) for n in range(100)] + [reader(n) for n in range(100)]
    random.Random(4).shuffle(tasks)
    results = await asyncio.gather(*tasks, return_exceptions=True)
    assert [r for r in results if isinstance(r, BaseException)] == []

    for uid in users:
        profile = await store.profiles.get(uid)
        assert profile is not None
        assert {f: getattr(profile, f) for f in upsert_fields} == {
            f: f"{f}-{uid}" for f in upsert_fields
        }
        assert len(await store.history.recent(uid)) == 1


async def test_concurrent_history_adds_keep_exactly_the_newest(store: Store) -> None:
    entries = await asyncio.gather(*(store.history.add(1, {"n": n}, {}) for n in range(120)))
    kept = await store.history.recent(1, limit=50)
    assert len(kept) == 50
    assert [e.id for e in kept] == sorted((e.id for e in entries), reverse=True)[:50]


WRITER = textwrap.dedent(
    """
    import asyncio, sys
    from db import ProfileUpdate, Store

    async def main():
        store = await Store.open(sys.argv[1])
        n = 0
        while True:
            n += 1
            await store.profiles.upsert(n, ProfileUpdate(location=f"city-{n}", years=n % 50))
            await store.history.add(n, {"n": n}, {"p50": n})
            print(n, flush=True)  # only after both commits returned

    asyncio.run(main())
    """
)


async def test_sigkill_mid_write_keeps_committed_data(db_path: Path) -> None:
    await (await Store.open(db_path)).close()
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        WRITER,
        str(db_path),
        stdout=asyncio.subprocess.PIPE,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert proc.stdout is not None
    committed = 0
    try:
        while committed < 300:
            line = await proc.stdout.readline()
            assert line, "writer exited early"
            committed = int(line)
    finally:
        proc.send_signal(signal.SIGKILL)
        await proc.wait()
    assert proc.returncode == -signal.SIGKILL

    async with await Store.open(db_path) as store:
        assert await store.backend.integrity_check() == ["ok"]  # type: ignore[attr-defined]
        for n in (1, committed // 2, committed):
            profile = await store.profiles.get(n)
            assert profile is not None and profile.location == f"city-{n}"
            last = await store.history.last(n)
            assert last is not None and last.query == {"n": n}
        rows = await store.backend.read_one("SELECT count(*) AS c FROM profiles")
        assert rows is not None and rows["c"] >= committed


@pytest.mark.parametrize(
    "content",
    [
        b"this is my CV, not a database\n" * 100,
        os.urandom(8192),
        b"SQLite format 3\x00" + b"\xff" * 4080,
    ],
    ids=["text", "random", "bad-header-fields"],
)
async def test_non_database_file_is_refused_untouched(db_path: Path, content: bytes) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(content)
    with pytest.raises(CorruptDatabaseError) as info:
        await Store.open(db_path)
    assert "untouched" in info.value.message
    assert_safe(info.value, db_path)
    assert db_path.read_bytes() == content
    assert sorted(p.name for p in db_path.parent.iterdir()) == [db_path.name]


async def test_damaged_pages_are_refused_untouched(db_path: Path) -> None:
    async with await Store.open(db_path) as store:
        for n in range(300):
            await store.profiles.upsert(n, ProfileUpdate(location="x" * 150))
    data = bytearray(db_path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    assert len(data) > 6 * page_size
    data[3 * page_size : 5 * page_size] = b"\x5a" * (2 * page_size)  # smash two pages
    db_path.write_bytes(bytes(data))
    with pytest.raises(CorruptDatabaseError) as info:
        await Store.open(db_path)
    assert_safe(info.value, db_path)
    assert db_path.read_bytes() == bytes(data)


async def test_empty_file_is_a_new_database(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"")
    async with await Store.open(db_path) as store:
        assert await store.profiles.get(1) is None


async def test_read_only_open_reads_and_refuses_writes_clearly(db_path: Path) -> None:
    async with await Store.open(db_path) as store:
        await store.profiles.upsert(1, ProfileUpdate(role="mle"))
    async with await Store.open(db_path, read_only=True) as store:
        profile = await store.profiles.get(1)
        assert profile is not None and profile.role == "mle"
        with pytest.raises(ReadOnlyError) as info:
            await store.profiles.upsert(1, ProfileUpdate(role="x"))
        assert "read-only" in info.value.message
        assert_safe(info.value, db_path)
        with pytest.raises(ReadOnlyError):
            await store.delete_user(1)
    async with await Store.open(db_path) as store:
        profile = await store.profiles.get(1)
        assert profile is not None and profile.role == "mle"


async def test_read_only_open_of_missing_file(tmp_path: Path) -> None:
    with pytest.raises(StoreError) as info:
        await Store.open(tmp_path / "nope.db", read_only=True)
    assert "no database" in info.value.message
    assert_safe(info.value, tmp_path / "nope.db")
    assert not (tmp_path / "nope.db").exists()


def _chattr(flag: str, path: Path) -> int:
    return subprocess.run(["chattr", flag, str(path)], capture_output=True).returncode


async def test_immutable_file_is_reported_at_open(db_path: Path) -> None:
    """A file even root cannot write (chattr +i) must fail open with ReadOnlyError."""
    async with await Store.open(db_path) as store:
        await store.meta.set("k", "v")
    if shutil.which("chattr") is None:
        pytest.skip("chattr not available")
    if _chattr("+i", db_path) != 0:
        pytest.skip("filesystem does not support the immutable flag")
    try:
        with pytest.raises(ReadOnlyError) as info:
            await Store.open(db_path)
        assert_safe(info.value, db_path)
        async with await Store.open(db_path, read_only=True) as store:
            assert await store.meta.get("k") == "v"
    finally:
        assert _chattr("-i", db_path) == 0


async def test_folder_that_cannot_be_created(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(StoreError) as info:
        await Store.open(blocker / "sub" / "bot.db")
    assert "bot.db" not in info.value.message and "bot.db" in info.value.detail
    assert_safe(info.value, blocker / "sub" / "bot.db")
    assert blocker.read_text() == "not a folder"


@pytest.mark.sqlite_only
async def test_full_disk_is_a_clear_error_and_nothing_half_written(store: Store) -> None:
    backend = store.backend
    await backend.set_page_limit(1)  # type: ignore[attr-defined]  # clamps to current size
    with pytest.raises(DiskFullError) as info:
        for n in range(5000):
            await store.history.add(n, {"pad": "x" * 2000}, {"n": n})
    assert "full" in info.value.message
    assert_safe(info.value, store.backend.path)  # type: ignore[attr-defined]
    rows = await backend.read_all("SELECT count(*) AS c FROM history")
    before = rows[0]["c"]
    assert before == n  # the failed add left no row behind
    with pytest.raises(DiskFullError):
        await store.history.add(n, {"pad": "x" * 2000}, {"n": n})
    assert await store.history.last(n) is None
    # Once there is room again the same store keeps working without a reopen.
    await backend.set_page_limit(1_000_000)  # type: ignore[attr-defined]
    await store.history.add(n, {"ok": True}, {})
    after = await backend.read_all("SELECT count(*) AS c FROM history")
    assert after[0]["c"] == before + 1


async def test_busy_database_gives_busy_error(db_path: Path) -> None:
    async with await Store.open(db_path, busy_timeout=0.2) as store:
        other = sqlite3.connect(db_path, isolation_level=None)
        try:
            other.execute("BEGIN IMMEDIATE")
            with pytest.raises(BusyError) as info:
                await store.meta.set("k", "v")
            assert "try again" in info.value.message
            assert_safe(info.value, db_path)
            other.execute("ROLLBACK")
            await store.meta.set("k", "v")
            assert await store.meta.get("k") == "v"
        finally:
            other.close()


async def test_closed_store_raises_store_error(db_path: Path) -> None:
    store = await Store.open(db_path)
    await store.close()
    await store.close()
    with pytest.raises(StoreClosedError):
        await store.profiles.get(1)


@pytest.mark.parametrize(
    ("code", "kind", "words"),
    [
        (sqlite3.SQLITE_CORRUPT, CorruptDatabaseError, "damaged"),
        (sqlite3.SQLITE_NOTADB, CorruptDatabaseError, "damaged"),
        (sqlite3.SQLITE_READONLY, ReadOnlyError, "read-only"),
        (sqlite3.SQLITE_FULL, DiskFullError, "full"),
        (sqlite3.SQLITE_BUSY, BusyError, "try again"),
        (sqlite3.SQLITE_LOCKED, BusyError, "try again"),
        # Outages: the bot runs on without its store and reopens it (db/standby.py).
        (sqlite3.SQLITE_CANTOPEN, OutageError, "cannot be opened"),
        (sqlite3.SQLITE_PERM, OutageError, "cannot be opened"),
        (sqlite3.SQLITE_IOERR, OutageError, "disk error"),
        (sqlite3.SQLITE_ERROR, StoreError, "could not complete"),
        (None, StoreError, "could not complete"),
    ],
)
def test_every_sqlite_error_has_a_safe_message(
    tmp_path: Path, code: int | None, kind: type[StoreError], words: str
) -> None:
    raw = sqlite3.OperationalError("raw engine text")
    if code is not None:
        raw.sqlite_errorcode = code  # type: ignore[attr-defined]
    path = tmp_path / "bot.db"
    error = translate(raw, path)
    assert type(error) is kind
    assert error.outage is (kind in (OutageError, ReadOnlyError))
    assert words in error.message
    assert "raw engine text" not in error.message and "raw engine text" in error.detail
    assert_safe(error, path)
