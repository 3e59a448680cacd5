"""Sharding through the emulator: IDENTIFY per shard, each guild's events on its own shard."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import aiohttp
import discord
import orjson
import pytest

from bot.emulator.gateway import IDENTIFY, INVALID_SHARD, SHARDING_REQUIRED, shard_of
from bot.emulator.server import EmulatorServer
from bot.local.harness import Harness
from tests.conftest import make_config
from tests.e2e.support import REPO, run
from tests.support.validation import PayloadValidator


def guild_events(harness: Harness, shard: int) -> list[int]:
    session = harness.server.gateway.sessions[shard]
    return [int(f["d"]["id"]) for f in session.sent if f["t"] == "GUILD_CREATE"]


async def answers_in_each_guild_and_a_dm(running: Harness, guilds: list[dict[str, Any]]) -> None:
    """/tips answers in each of `guilds`, whichever shard holds it, and in a DM."""
    user = running.server.add_user("asker")
    for place in [running.server.in_guild(guild) for guild in guilds] + [running.server.dm(user)]:
        record = await run(running, user, place, "tips", {"role": "mle"})
        assert record.message.components_v2


async def test_recommended_shards_each_get_their_own_guilds(
    tmp_path: Path, validator: PayloadValidator
) -> None:
    running = Harness(make_config(tmp_path), validator=validator, shard_count=3)
    server = running.server
    guilds = [server.add_guild(f"g{shard}", shard=shard) for shard in (0, 1, 2, 2)]
    await running.start()
    try:
        assert running.bot is not None and running.bot.shard_count == 3  # from /gateway/bot
        assert sorted(server.gateway.sessions) == [0, 1, 2]
        for shard in (0, 1, 2):
            owned = guild_events(running, shard)
            assert owned and all(shard_of(gid, 3) == shard for gid in owned)
        await answers_in_each_guild_and_a_dm(running, guilds)
    finally:
        await running.stop()
    assert server.violations == [] and server.unhandled == []


async def test_shards_of_one_bucket_identify_apart(
    tmp_path: Path, validator: PayloadValidator
) -> None:
    """max_concurrency 1: the second shard waits its turn, as Discord requires."""
    running = Harness(make_config(tmp_path), validator=validator, shard_count=2, max_concurrency=1)
    await running.start(timeout=60)
    try:
        assert sorted(running.server.gateway.sessions) == [0, 1]
    finally:
        await running.stop()
    assert running.server.violations == []


async def test_more_shards_than_recommended_are_accepted(
    tmp_path: Path, validator: PayloadValidator
) -> None:
    """Discord recommends one shard here, and accepts two: each guild goes to its own."""
    config = make_config(tmp_path).model_copy(update={"shard_count": 2})
    running = Harness(config, validator=validator, shard_count=1)
    server = running.server
    await running.start(timeout=30)
    try:
        assert running.bot is not None and running.bot.shard_count == 2
        assert sorted(server.gateway.sessions) == [0, 1]
        guilds = [server.add_guild(f"g{shard}", shard=shard) for shard in (0, 1)]
        for guild in guilds:
            await server.dispatch("GUILD_CREATE", guild)
        for shard, guild in enumerate(guilds):
            assert guild_events(running, shard)[-1] == int(guild["id"])
        await answers_in_each_guild_and_a_dm(running, guilds)
    finally:
        await running.stop()
    assert server.violations == [] and server.unhandled == []


async def test_too_few_shards_for_a_large_application_are_refused(tmp_path: Path) -> None:
    """Discord refuses a layout whose shards would each hold too many guilds (4011)."""
    config = make_config(tmp_path).model_copy(update={"shard_count": 2, "shard_ids": [0, 1]})
    running = Harness(config, shard_count=3)
    running.server.gateway.required_shards = 3
    with pytest.raises(discord.ConnectionClosed) as caught:
        await running.start(timeout=20)
    assert caught.value.code == SHARDING_REQUIRED
    assert running.bot is not None
    await running.bot.close()
    await running.server.stop()
    assert any("needs at least 3 shards" in v for v in running.server.violations)


@pytest.mark.parametrize("shard", [[2, 2], [-1, 2], [0, 0]])
async def test_an_invalid_shard_is_refused(shard: list[int]) -> None:
    server = EmulatorServer(token="shard-token")
    await server.start()
    try:
        async with (
            aiohttp.ClientSession() as session,
            session.ws_connect(f"{server.gateway_url}?v=10&encoding=json") as socket,
        ):
            await socket.receive()  # HELLO
            identify = {"token": "shard-token", "intents": 1, "shard": shard, "properties": {}}
            await socket.send_str(orjson.dumps({"op": IDENTIFY, "d": identify}).decode())
            closed = await asyncio.wait_for(socket.receive(), timeout=5)
    finally:
        await server.stop()
    assert closed.type is aiohttp.WSMsgType.CLOSE and closed.data == INVALID_SHARD
    assert server.gateway.sessions == {}
    assert any(f"IDENTIFY as shard {shard}" in v for v in server.violations)


def test_console_starts_with_two_shards(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "DISCORD_TOKEN"}
    env.update(
        DATABASE_PATH=str(tmp_path / "console.sqlite3"), PYTHONPATH=str(REPO), SHARD_COUNT="2"
    )
    done = subprocess.run(
        [sys.executable, "-m", "bot", "console"],
        input="/about\n",
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "could not start the bot" not in done.stderr
    assert "== ML Salary Bot ==" in done.stdout
