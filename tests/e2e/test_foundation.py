"""Login, command sync, /about everywhere, one error path, and Discord's 3-second rule."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest

from bot.emulator.harness import Harness
from bot.emulator.hooks import check_hooks
from tests.conftest import TEST_EXTENSIONS, make_settings


def test_canary_discord_internals_the_emulator_relies_on() -> None:
    # If this fails after a discord.py upgrade, the emulator's two hooks need moving.
    check_hooks()


async def test_bot_logs_in_and_identifies_once(harness: Harness) -> None:
    assert harness.bot is not None and harness.bot.user is not None
    assert harness.bot.user.id == harness.server.application_id
    assert harness.server.stats.identifies == 1


async def test_sync_payload_allows_servers_dms_and_user_installs(harness: Harness) -> None:
    commands = {c["name"]: c for c in harness.server.global_commands}
    assert "about" in commands
    for command in commands.values():
        assert sorted(command["integration_types"]) == [0, 1], command["name"]
        # /settings configures a server, so it is offered in servers only.
        expected = [0] if command["name"] == "settings" else [0, 1, 2]
        assert sorted(command["contexts"]) == expected, command["name"]


@pytest.mark.parametrize("where", ["guild", "dm"])
async def test_about_answers_privately_with_sources_and_privacy(
    harness: Harness, where: str
) -> None:
    server = harness.server
    user = server.add_user("ada")
    place = server.in_guild(server.add_guild()) if where == "guild" else server.dm(user)
    if where == "guild":
        await server.dispatch("GUILD_CREATE", server.guilds[place.guild_id or 0])
    record = await harness.driver.slash(user, place, "about")
    await record.wait_settled()
    message = record.message
    assert message.ephemeral
    names = [field["name"] for field in message.embed["fields"]]
    assert names[:3] == ["Data sources", "Method", "Privacy"]
    text = message.text()
    assert "CC0" in text and "ODbL" in text and "/profile delete" in text


async def test_unexpected_error_is_private_with_an_id_that_is_logged(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    user = harness.server.add_user("grace")
    with caplog.at_level(logging.ERROR, logger="bot.errors"):
        record = await harness.driver.slash(user, harness.server.dm(user), "boom")
        await record.wait_settled()
    message = record.message
    assert message.ephemeral
    found = re.search(r"error id `([0-9a-f]{8})`", message.content)
    assert found, message.content
    assert "kaboom" not in message.content
    logged = [r for r in caplog.records if found.group(1) in r.getMessage()]
    assert len(logged) == 1 and logged[0].exc_info is not None


async def test_late_first_answer_is_unknown_interaction_and_bot_survives(harness: Harness) -> None:
    server = harness.server
    user = server.add_user("late")
    slow = await harness.driver.slash(user, server.dm(user), "slow")
    await slow.wait_for(lambda r: bool(r.rejected_callbacks), timeout=10)
    assert slow.response_type is None
    assert server.stats.unknown_interactions >= 1
    # The bot keeps serving after the failure.
    about = await harness.driver.slash(user, server.dm(user), "about")
    await about.wait_settled()
    assert about.message.embed["title"] == "ML Salary Bot"


async def test_deferring_first_allows_a_slow_answer(harness: Harness) -> None:
    user = harness.server.add_user("patient")
    record = await harness.driver.slash(user, harness.server.dm(user), "patient")
    await record.wait_settled(timeout=10)
    assert record.message.content == "worth the wait"
    assert harness.server.stats.unknown_interactions == 0


async def test_second_initial_response_is_refused(harness: Harness) -> None:
    """The emulator enforces one initial response, as Discord does."""
    user = harness.server.add_user("twice")
    record = await harness.driver.slash(user, harness.server.dm(user), "about")
    await record.wait_settled()
    assert harness.bot is not None
    http = harness.bot.http
    route_path = f"/interactions/{record.id}/{record.token}/callback"
    import aiohttp

    async with aiohttp.ClientSession() as session:
        response = await session.post(
            harness.server.api_base + route_path, json={"type": 4, "data": {"content": "x"}}
        )
        body = await response.json()
    assert response.status == 400 and body["code"] == 40060
    assert response.headers["Content-Type"] == "application/json"
    assert http is not None


async def test_restart_syncs_only_when_the_tree_changed(tmp_path: Path, validator: object) -> None:
    settings = make_settings(tmp_path)
    first = Harness(settings, extra_extensions=TEST_EXTENSIONS)
    await first.start()
    app_id = first.server.application_id
    await first.stop()
    assert first.server.command_syncs == 1

    again = Harness(settings, extra_extensions=TEST_EXTENSIONS)
    again.server.application_id = app_id  # the same application, started again
    await again.start()
    await again.stop()
    assert again.server.command_syncs == 0

    changed = Harness(settings)  # one command fewer: the tree's JSON differs
    changed.server.application_id = app_id
    await changed.start()
    await changed.stop()
    assert changed.server.command_syncs == 1
