"""Sharding through the emulator: IDENTIFY per shard, each guild's events on its own shard."""

from __future__ import annotations

from pathlib import Path

import discord
import pytest

from bot.emulator.gateway import SHARDING_REQUIRED, shard_of
from bot.local.harness import Harness
from tests.conftest import make_config
from tests.e2e.support import run
from tests.support.validation import PayloadValidator


def guild_events(harness: Harness, shard: int) -> list[int]:
    session = harness.server.gateway.sessions[shard]
    return [int(f["d"]["id"]) for f in session.sent if f["t"] == "GUILD_CREATE"]


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
        user = server.add_user("asker")
        for place in [server.in_guild(guild) for guild in guilds] + [server.dm(user)]:
            record = await run(running, user, place, "tips", {"role": "mle"})
            assert record.message.embeds
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


async def test_a_wrong_shard_count_is_refused(tmp_path: Path) -> None:
    config = make_config(tmp_path).model_copy(update={"shard_count": 2, "shard_ids": [0, 1]})
    running = Harness(config, shard_count=3)
    with pytest.raises(discord.ConnectionClosed) as caught:
        await running.start(timeout=20)
    assert caught.value.code == SHARDING_REQUIRED
    assert running.bot is not None
    await running.bot.close()
    await running.server.stop()
    assert any("this application has 3 shards" in v for v in running.server.violations)
