"""The bot as its own process under scripts/supervise: killed, it comes back (no sooner
than Discord's identify limit allows), and every profile write it acknowledged is still
there."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path
from typing import Any

from bot.emulator.driver import Driver
from bot.emulator.records import InteractionRecord
from bot.emulator.server import EmulatorServer
from db.store import Store
from tests.e2e.support import REPO, start_bot_process

KILLS = 2  # restarts after 5 s, then 10 s
WRITES_PER_ROUND = 12


async def start_supervised(server: EmulatorServer, database: Path) -> asyncio.subprocess.Process:
    return await start_bot_process(
        server,
        database,
        "WARNING",
        wrapper=(str(REPO / "scripts" / "supervise"),),
        stderr=asyncio.subprocess.PIPE,
    )


async def next_child(process: asyncio.subprocess.Process) -> int:
    """The pid of the bot the supervisor (re)started, from its own line on stderr."""
    assert process.stderr is not None
    while True:
        line = (await asyncio.wait_for(process.stderr.readline(), timeout=30)).decode()
        if not line:
            raise AssertionError("the supervisor stopped")
        if line.startswith("supervise: started pid "):
            return int(line.rsplit(" ", 1)[1])


async def identified(server: EmulatorServer, count: int) -> None:
    for _ in range(1200):
        if server.stats.identifies >= count:
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"the bot did not connect (identify {count})")


async def test_supervised_bot_survives_sigkills_and_keeps_every_acknowledged_write(
    tmp_path: Path,
) -> None:
    server = EmulatorServer(token="supervised-token")
    await server.start()
    database = tmp_path / "bot.sqlite3"
    process = await start_supervised(server, database)
    driver = Driver(server)
    acknowledged: dict[int, int] = {}
    try:
        for round_number in range(KILLS + 1):
            child = await next_child(process)
            await identified(server, round_number + 1)
            users = [server.add_user(f"r{round_number}u{i}") for i in range(WRITES_PER_ROUND)]
            records: list[tuple[int, int, InteractionRecord]] = []
            for i, user in enumerate(users):
                years = (round_number * WRITES_PER_ROUND + i) % 40
                records.append(
                    (
                        user.id,
                        years,
                        await driver.slash(user, server.dm(user), "profile set", {"years": years}),
                    )
                )
                if i == WRITES_PER_ROUND // 2:
                    await records[0][2].wait_settled(timeout=15)
            if round_number < KILLS:
                # Killed mid-stream: some writes are answered, others never will be.
                await asyncio.sleep(0.05)
                os.kill(child, signal.SIGKILL)
            for user_id, years, record in records:
                if round_number == KILLS:
                    await record.wait_settled(timeout=15)
                messages = record.messages()
                if messages and messages[0].content.startswith("Profile saved."):
                    acknowledged[user_id] = years
    finally:
        process.send_signal(signal.SIGTERM)
        code = await asyncio.wait_for(process.wait(), timeout=30)
        await server.stop()
    assert code == 0, "SIGTERM reached the bot, which closed cleanly"
    assert server.stats.identifies == KILLS + 1, "restarted after every kill"
    assert server.violations == [], "identified again no sooner than Discord allows"
    assert len(acknowledged) >= WRITES_PER_ROUND, "the last round was all answered"
    store = await Store.open(database)
    try:
        for user_id, years in acknowledged.items():
            profile = await store.profiles.get(user_id)
            assert profile is not None and profile.years == years, user_id
    finally:
        await store.close()


async def supervise_python(code: str, **streams: Any) -> asyncio.subprocess.Process:
    """scripts/supervise running `python -c code`, its own lines read from stderr."""
    return await asyncio.create_subprocess_exec(
        str(REPO / "scripts" / "supervise"),
        sys.executable,
        "-c",
        code,
        stderr=asyncio.subprocess.PIPE,
        **streams,
    )


async def test_supervisor_stops_on_a_clean_exit(tmp_path: Path) -> None:
    process = await supervise_python("print('done')", stdout=asyncio.subprocess.PIPE)
    stdout, stderr = await asyncio.wait_for(process.communicate(), timeout=30)
    assert process.returncode == 0 and stdout == b"done\n"
    assert stderr.decode().count("supervise: started pid") == 1


async def test_supervisor_waits_5_s_then_twice_as_long(tmp_path: Path) -> None:
    """A bot that keeps failing is started again after 5 s, then 10 s: Discord lets a
    session start once per 5 s."""
    process = await supervise_python("raise SystemExit(3)")
    assert process.stderr is not None
    loop = asyncio.get_running_loop()
    lines: list[tuple[float, str]] = []
    try:
        while len([line for _, line in lines if "restarting" in line]) < 2:
            line = (await asyncio.wait_for(process.stderr.readline(), timeout=30)).decode()
            assert line, "the supervisor stopped"
            lines.append((loop.time(), line.strip()))
    finally:
        process.send_signal(signal.SIGTERM)
        code = await asyncio.wait_for(process.wait(), timeout=30)
    said = [line.split(": ", 1)[1] for _, line in lines if "restarting" in line]
    assert said == [
        "the bot exited with status 3; restarting in 5s",
        "the bot exited with status 3; restarting in 10s",
    ]
    restarting_at = next(at for at, line in lines if "restarting" in line)
    started_again_at = [at for at, line in lines if "started pid" in line][1]
    assert 4.8 <= started_again_at - restarting_at < 8
    assert code == 3, "stopped while waiting: the bot's last status"
