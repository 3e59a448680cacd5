"""SIGINT and SIGTERM stop the bot cleanly, as its own process, keeping what was saved."""

from __future__ import annotations

import asyncio
import signal
from pathlib import Path

import pytest

from bot.emulator.driver import Driver
from bot.emulator.server import EmulatorServer
from db.store import Store
from tests.e2e.support import start_bot_process


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
async def test_signal_closes_bot_and_store(tmp_path: Path, signum: signal.Signals) -> None:
    server = EmulatorServer(token="shutdown-token")
    await server.start()
    database = tmp_path / "bot.sqlite3"
    process = await start_bot_process(server, database, "INFO", stderr=asyncio.subprocess.PIPE)
    try:
        await asyncio.wait_for(server.identified.wait(), timeout=60)
        user = server.add_user("leaver")
        record = await Driver(server).slash(user, server.dm(user), "profile set", {"role": "mle"})
        await record.wait_settled(timeout=15)
        process.send_signal(signum)
        _, stderr = await asyncio.wait_for(process.communicate(), timeout=30)
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
        await server.stop()
    log = stderr.decode(errors="replace")
    assert process.returncode == 0, log
    assert "shutting down" in log and "Traceback" not in log
    store = await Store.open(database)
    try:
        profile = await store.profiles.get(user.id)
    finally:
        await store.close()
    assert profile is not None and profile.role == "ml_engineer"
