"""Two bot processes on disjoint shards, one emulator, one PostgreSQL: one person, one profile."""

from __future__ import annotations

import asyncio
import signal
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.emulator.driver import Driver
from bot.emulator.records import InteractionRecord
from bot.emulator.server import EmulatedUser, EmulatorServer, Place
from db import Store
from tests.e2e.support import start_bot_process, stop_process
from tests.support import engines
from tests.support.validation import PayloadValidator

pytestmark = pytest.mark.postgres

SHARDS = 2


@pytest.fixture
async def url() -> AsyncIterator[str]:
    async with engines.fresh_schema() as fresh:
        yield fresh


async def ask(
    driver: Driver, user: EmulatedUser, place: Place, command: str, options: dict[str, Any]
) -> InteractionRecord:
    record = await driver.slash(user, place, command, options)
    await record.wait_settled(timeout=20)
    return record


async def test_two_processes_share_one_profile_and_survive_a_sigkill(
    tmp_path: Path, url: str, validator: PayloadValidator
) -> None:
    server = EmulatorServer(token="two-process-token", validator=validator, shard_count=SHARDS)
    guilds = [server.add_guild(f"served by {shard}", shard=shard) for shard in range(SHARDS)]
    await server.start()
    logs = [(tmp_path / f"bot{shard}.log").open("wb") for shard in range(SHARDS)]
    processes = [
        await start_bot_process(
            server,
            tmp_path / f"unused{shard}.sqlite3",
            "WARNING",
            "--shard-count",
            str(SHARDS),
            "--shard-ids",
            str(shard),
            environment={"DATABASE_URL": url},
            stdout=logs[shard],
            stderr=logs[shard],
        )
        for shard in range(SHARDS)
    ]
    driver = Driver(server)
    try:
        await asyncio.wait_for(server.identified.wait(), timeout=90)
        for _ in range(300):  # both processes have synced or found the synced commands
            if server.global_commands:
                break
            await asyncio.sleep(0.1)
        first, second = (server.in_guild(guild) for guild in guilds)
        person = server.add_user("person")
        warm = server.add_user("warm")
        for place in (first, second):  # each process has its guild in cache
            for _ in range(100):
                record = await driver.slash(warm, place, "about", {})
                try:
                    await record.wait_for(lambda r: r.first_response_at is not None, timeout=1)
                    break
                except TimeoutError:
                    continue

        saved = await ask(
            driver, person, first, "profile set", {"role": "mle", "location": "berlin"}
        )
        assert saved.message.content.startswith("Profile saved.")
        shown = await ask(driver, person, second, "profile show", {})
        assert "Machine Learning Engineer" in shown.message.text()
        assert "Germany" in shown.message.text()  # berlin, as the first process saved it

        # An acknowledged write, then the process that made it is killed outright.
        again = await ask(driver, person, first, "profile set", {"years": 9})
        assert again.message.content.startswith("Profile saved.")
        processes[0].send_signal(signal.SIGKILL)
        assert await processes[0].wait() == -signal.SIGKILL

        shown = await ask(driver, person, second, "profile show", {})
        assert "experience" not in shown.message.text().split("\n")[1]  # no longer "not set"
        async with await Store.open(url) as store:
            profile = await store.profiles.get(person.id)
        assert profile is not None and profile.years == 9 and profile.role == "ml_engineer"
        estimate = await ask(driver, person, second, "estimate", {"role": "mle"})
        assert (
            estimate.message.components_v2 and "Something went wrong" not in estimate.message.text()
        )
        assert server.stats.unknown_interactions == 0
    finally:
        for process in processes:
            if process.returncode is None:
                await stop_process(process)
        for log in logs:
            log.close()
        await server.stop()
    survivor = (tmp_path / "bot1.log").read_text(errors="replace")
    assert processes[1].returncode == 0, survivor
    assert "Traceback" not in survivor and " ERROR " not in survivor, survivor
    assert server.violations == [], "payloads Discord would refuse"
