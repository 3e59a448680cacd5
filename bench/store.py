"""Store latency and throughput at 1 and 100 concurrent users; prints one JSON object.

users_1 / users_100 run N coroutines in a closed loop (each sends its next request as
soon as the last one returns) against a temporary database: gets only, then upserts
only. Latency is per call as the caller sees it, queueing included. users_100_steady
offers a fixed rate instead (each request a get then an upsert), the load a bot sees.

    python bench/store.py [--database postgresql://user:password@host:port/dbname]

With --database it runs on that PostgreSQL server instead, in a schema of its own that it
drops afterwards.
"""

from __future__ import annotations

import sys
from pathlib import Path

if not __package__:  # run as a file: the checkout, not bench/, is where imports start
    sys.path[0] = str(Path(__file__).resolve().parents[1])

import argparse
import asyncio
import contextlib
import json
import platform
import sqlite3
import statistics
import tempfile
import time
from collections.abc import AsyncIterator, Awaitable, Callable

from bench.measure.schema import fresh_schema
from db import ProfileUpdate, Store

CALLS_PER_PHASE = 4000
WARMUP_CALLS = 300
SEEDED_USERS = 1000


def _percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    index = min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))
    return ordered[index]


def _summary(samples_s: list[float]) -> dict[str, float]:
    ms = [s * 1000 for s in samples_s]
    return {"p50": round(statistics.median(ms), 3), "p99": round(_percentile(ms, 0.99), 3)}


async def _closed_loop(
    users: int, calls: int, op: Callable[[int, int], Awaitable[object]]
) -> tuple[list[float], float]:
    """Run `calls` calls spread over `users` coroutines; return latencies and wall time."""
    latencies: list[float] = []
    per_user = max(1, calls // users)

    async def user(uid: int) -> None:
        for i in range(per_user):
            started = time.perf_counter()
            await op(uid, i)
            latencies.append(time.perf_counter() - started)

    started = time.perf_counter()
    await asyncio.gather(*(user(uid) for uid in range(1, users + 1)))
    return latencies, time.perf_counter() - started


async def _scenario(store: Store, users: int) -> dict[str, object]:
    async def get(uid: int, i: int) -> object:
        return await store.profiles.get(uid)

    async def upsert(uid: int, i: int) -> object:
        return await store.profiles.upsert(uid, ProfileUpdate(years=i % 40, location="berlin"))

    await _closed_loop(users, WARMUP_CALLS, get)
    await _closed_loop(users, WARMUP_CALLS, upsert)
    get_lat, _ = await _closed_loop(users, CALLS_PER_PHASE, get)
    up_lat, up_wall = await _closed_loop(users, CALLS_PER_PHASE, upsert)
    return {
        "get_ms": _summary(get_lat),
        "upsert_ms": _summary(up_lat),
        "upserts_per_s": round(len(up_lat) / up_wall),
        "calls": len(get_lat) + len(up_lat),
    }


async def _steady(store: Store, users: int, rate: float, seconds: float) -> dict[str, object]:
    """Open loop: requests arrive at a fixed total rate whether or not earlier ones finished."""
    get_lat: list[float] = []
    up_lat: list[float] = []

    async def one(uid: int, i: int) -> None:
        started = time.perf_counter()
        await store.profiles.get(uid)
        get_lat.append(time.perf_counter() - started)
        started = time.perf_counter()
        await store.profiles.upsert(uid, ProfileUpdate(years=i % 40))
        up_lat.append(time.perf_counter() - started)

    tasks = []
    start = time.perf_counter()
    for i in range(int(rate * seconds)):
        delay = start + i / rate - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(one(1 + i % users, i)))
    await asyncio.gather(*tasks)
    return {
        "offered_per_s": rate,
        "get_ms": _summary(get_lat),
        "upsert_ms": _summary(up_lat),
    }


@contextlib.asynccontextmanager
async def _target(database: str | None) -> AsyncIterator[str | Path]:
    """A temporary SQLite file, or a temporary schema on the given PostgreSQL server."""
    if database is None:
        with tempfile.TemporaryDirectory() as folder:
            yield Path(folder) / "bench.db"
        return
    async with fresh_schema(database) as url:
        yield url


async def main(database: str | None) -> dict[str, object]:
    async with _target(database) as target:
        store = await Store.open(target)
        try:
            for uid in range(1, SEEDED_USERS + 1):
                await store.profiles.upsert(
                    uid, ProfileUpdate(role="ml_engineer", skills=["python", "pytorch"])
                )
            result: dict[str, object] = {}
            for users in (1, 100):
                result[f"users_{users}"] = await _scenario(store, users)
            # A steady load of requests (each a get then an upsert) from 100 users.
            result["users_100_steady"] = await _steady(store, 100, rate=2000, seconds=2)
        finally:
            await store.close()
    if database is None:
        engine = {
            "sqlite": sqlite3.sqlite_version,
            "mode": "closed loop, gets then upserts, temp file DB, WAL, synchronous=NORMAL",
        }
    else:
        engine = {
            "postgresql": await _server_version(database),
            "mode": "closed loop, gets then upserts, asyncpg pool of 10, autocommit writes",
        }
    result["env"] = {"python": platform.python_version(), **engine}
    return result


async def _server_version(database: str) -> str:
    import asyncpg

    conn = await asyncpg.connect(database)
    try:
        return str(await conn.fetchval("SHOW server_version"))
    finally:
        await conn.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", default=None, help="a postgresql:// URL (default: SQLite)")
    print(json.dumps(asyncio.run(main(parser.parse_args().database))))
