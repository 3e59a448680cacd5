"""Discord fails the bot's start: the command sync, the login, the gateway's address.

A failed sync leaves the commands Discord already has working: the bot serves, says so
once, and syncs later unless Discord refused the commands themselves. Any other HTTP error
at login is one line and exit status 1.
"""

from __future__ import annotations

import asyncio
import gc
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import SecretStr

from bot.app.runner import run_on_discord
from bot.emulator.hooks import point_discord_at
from bot.emulator.server import EmulatorServer, Fault
from bot.local.harness import Harness
from tests.conftest import make_config
from tests.e2e.test_faults import (
    errors_logged,
    lines_from_bot,
    still_serving,
    wait_logged,
    wait_until,
)


async def restart_with_a_changed_tree(
    harness: Harness, caplog: pytest.LogCaptureFixture, status: int
) -> EmulatorServer:
    """A deploy with one command fewer (the tree differs), while Discord answers the sync
    with `status`; the bot's log from INFO up is kept. Returns the emulated Discord."""
    caplog.set_level(logging.INFO, logger="bot")
    harness.server.faults.append(Fault(status, "/commands", method="PUT"))
    harness.extra_extensions = ()
    harness.bot_options["sync_retry_s"] = 0.2
    await harness.restart()
    return harness.server


async def test_failed_command_sync_at_start_serves_and_syncs_later(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    """Discord's 503 on the sync: the commands it already has keep working meanwhile."""
    server = await restart_with_a_changed_tree(harness, caplog, 503)
    assert server.stats.faults_served == 1 and server.command_syncs == 1
    await still_serving(harness)
    await wait_until(lambda: server.command_syncs == 2)
    await wait_logged(caplog, "slash commands synced after 1 failed attempt")
    assert "patient" not in {command["name"] for command in server.global_commands}
    warnings = lines_from_bot(caplog, logging.WARNING)
    assert [r.getMessage() for r in warnings][:1] == [
        "could not sync the slash commands (503 Service Unavailable (error code: 0): 503: "
        "emulated server error); Discord keeps the ones it has; trying again in 0.2 s"
    ]
    assert len(warnings) == 2 and all(r.exc_info is None for r in warnings)
    assert errors_logged(caplog) == []


async def test_refused_command_sync_at_start_is_said_once_and_not_repeated(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    """A 400 (a command Discord finds invalid) would be refused again: said once, serving on."""
    server = await restart_with_a_changed_tree(harness, caplog, 400)
    await still_serving(harness)
    await asyncio.sleep(1.0)  # five retry periods
    assert server.stats.faults_served == 1 and server.command_syncs == 1
    problems = lines_from_bot(caplog, logging.WARNING)
    assert len(problems) == 1 and problems[0].levelno == logging.ERROR
    assert problems[0].exc_info is None
    assert problems[0].getMessage().startswith("Discord refused the slash commands (400 ")
    assert "python -m bot sync" in problems[0].getMessage()


async def test_slow_command_sync_does_not_hold_up_the_start(
    harness: Harness, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a 500 discord.py tries the sync again a second later: the bot connects meanwhile."""
    monkeypatch.setattr("bot.app.sync.SYNC_WAIT_S", 0.3)
    server = await restart_with_a_changed_tree(harness, caplog, 500)
    assert server.command_syncs == 1, "ready before discord.py's second try"
    await wait_logged(caplog, "connecting meanwhile")
    await still_serving(harness)
    await wait_until(lambda: server.command_syncs == 2)
    assert server.stats.faults_served == 1
    assert lines_from_bot(caplog, logging.WARNING) == []


@pytest.fixture
def collector_defaults() -> Iterator[None]:
    """run_on_discord settles the collector as the bot's process does: this one keeps its own."""
    threshold = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*threshold)


@pytest.mark.parametrize("path", ["/users/@me", "/gateway/bot"])
@pytest.mark.usefixtures("collector_defaults")
async def test_a_server_error_at_login_is_one_line_and_exit_1(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, path: str
) -> None:
    server = EmulatorServer(token="login-token")
    server.faults.append(Fault(503, path, method="GET"))
    await server.start()
    config = make_config(tmp_path).model_copy(
        update={"discord_token": SecretStr("login-token"), "chart_workers": 0}
    )
    try:
        point_discord_at(server.api_base, server.gateway_url)
        with caplog.at_level(logging.INFO):
            code = await asyncio.wait_for(run_on_discord(config), timeout=30)
    finally:
        await server.stop()
    assert code == 1 and server.stats.faults_served == 1
    problems = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert [r.getMessage() for r in problems] == [
        "Discord refused to start the bot (503 Service Unavailable (error code: 0): 503: "
        "emulated server error); try again later"
    ]
    assert problems[0].exc_info is None
