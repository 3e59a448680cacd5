"""Login, command sync, /about everywhere, one error path, and Discord's 3-second rule."""

from __future__ import annotations

import json
import logging
import re
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

from bot.emulator.driver import AUTOCOMPLETE, Driver
from bot.emulator.hooks import check_hooks
from bot.emulator.records import InteractionRecord
from bot.emulator.server import EmulatorServer
from bot.local.harness import Harness
from tests.conftest import TEST_EXTENSIONS, make_config

REPO = Path(__file__).resolve().parents[2]


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
    with caplog.at_level(logging.ERROR, logger="bot.flows.errors"):
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
    settings = make_config(tmp_path)
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


# ----------------------------------------------------------------- the emulator alone


@pytest.fixture
async def emulator() -> AsyncIterator[EmulatorServer]:
    server = EmulatorServer()
    await server.start()
    try:
        yield server
    finally:
        await server.stop()


async def post_callback(
    server: EmulatorServer, record: InteractionRecord, body: dict[str, object]
) -> tuple[int, dict[str, object]]:
    url = f"{server.api_base}/interactions/{record.id}/{record.token}/callback"
    async with aiohttp.ClientSession() as session, session.post(url, json=body) as response:
        text = await response.text()
        return response.status, (json.loads(text) if text else {})


def dm_interaction(server: EmulatorServer, kind: int, data: dict[str, object]) -> InteractionRecord:
    user = server.add_user("someone")
    payload = Driver(server).payload_for(user, server.dm(user), data)
    return server.new_interaction(kind, payload)


async def test_autocomplete_accepts_only_choices(emulator: EmulatorServer) -> None:
    record = dm_interaction(emulator, AUTOCOMPLETE, {"name": "estimate", "type": 1})
    for refused in (4, 5):
        status, body = await post_callback(emulator, record, {"type": refused, "data": {}})
        assert status == 400, body
        assert body["code"] == 50035
    assert record.response_type is None
    assert record.rejected_callbacks == [4, 5]
    assert len(emulator.violations) == 2
    status, _ = await post_callback(emulator, record, {"type": 8, "data": {"choices": []}})
    assert status == 204
    assert record.choices == []


def test_driver_always_names_who_interacts() -> None:
    server = EmulatorServer()
    driver = Driver(server)
    user = server.add_user("someone")
    guild_place = server.in_guild(server.add_guild())
    in_guild = driver.payload_for(user, guild_place, {})
    in_dm = driver.payload_for(user, server.dm(user), {})
    assert in_guild["member"]["user"]["id"] == str(user.id) and "user" not in in_guild
    assert in_dm["user"]["id"] == str(user.id) and "member" not in in_dm


async def test_interaction_without_member_or_user_is_refused_clearly(
    emulator: EmulatorServer, caplog: pytest.LogCaptureFixture
) -> None:
    record = dm_interaction(emulator, 2, {"name": "about", "type": 1})
    payload = dict(record.payload)
    del payload["user"]
    with caplog.at_level(logging.WARNING, logger="bot.emulator.interactions"):
        bare = emulator.new_interaction(2, payload)
    assert any("neither member nor user" in r.getMessage() for r in caplog.records)
    status, body = await post_callback(emulator, bare, {"type": 4, "data": {"content": "hi"}})
    assert status == 400, body
    assert "neither member nor user" in str(body["message"])
    assert bare.response_type is None and emulator.messages == {}


def test_emulator_imports_without_dev_dependencies() -> None:
    # The console and the benchmarks run the emulator from a plain install.
    code = (
        "import sys\n"
        "for name in ('jsonschema', 'referencing', 'tests'):\n"
        "    sys.modules[name] = None\n"
        "import bot.emulator.server, bot.local.harness, bot.emulator.driver\n"
        "bot.emulator.server.EmulatorServer()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
