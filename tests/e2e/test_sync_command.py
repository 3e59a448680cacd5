"""`python -m bot sync [--guild ID]`: the explicit sync, against the emulator."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from bot.app.config import Config
from bot.app.runner import sync_once
from bot.emulator.hooks import point_discord_at
from bot.emulator.server import EmulatorServer, Fault
from tests.support.validation import default_spec_path


def command_response_problems(commands: list[dict[str, object]]) -> list[str]:
    """Where echoed commands differ from Discord's ApplicationCommandResponse schema."""
    spec = json.loads(default_spec_path().read_text())
    schema = {
        "$ref": "#/components/schemas/ApplicationCommandResponse",
        "components": spec["components"],
    }
    validator = Draft202012Validator(schema)
    return [
        f"{command['name']}: {'/'.join(map(str, error.absolute_path))}: {error.message}"
        for command in commands
        for error in validator.iter_errors(command)
    ]


async def sync_against(
    server: EmulatorServer, tmp_path: Path, token: str, guild_id: int | None = None
) -> int:
    """`sync_once` with `token` against `server`, started for it and stopped after."""
    await server.start()
    try:
        point_discord_at(server.api_base, server.gateway_url)
        settings = Config(
            discord_token=token, database_path=tmp_path / "db.sqlite3", _env_file=None
        )  # type: ignore[call-arg]
        return await sync_once(settings, guild_id)
    finally:
        await server.stop()


@pytest.mark.parametrize("guild", [False, True])
async def test_sync_once_sends_the_whole_tree(
    tmp_path: Path, guild: bool, capsys: pytest.CaptureFixture[str]
) -> None:
    server = EmulatorServer(token="sync-token")
    assert await sync_against(server, tmp_path, "sync-token", 4242 if guild else None) == 0
    synced = server.guild_commands[4242] if guild else server.global_commands
    names = {command["name"] for command in synced}
    assert {"about", "estimate", "compare", "tips", "profile", "history", "settings"} <= names
    assert server.command_syncs == 1
    # Echoed as Discord does (permissions as a string of digits): what discord.py reads back.
    assert command_response_problems(synced) == []
    settings = next(command for command in synced if command["name"] == "settings")
    assert settings["default_member_permissions"] == "32"  # Manage Server
    printed = capsys.readouterr()
    assert "synced" in printed.out
    assert "sync-token" not in printed.out + printed.err


async def test_sync_with_a_refused_token_says_so(tmp_path: Path) -> None:
    server = EmulatorServer(token="right")
    assert await sync_against(server, tmp_path, "wrong") == 1
    assert server.command_syncs == 0


async def test_a_sync_discord_fails_is_one_line_and_exit_1(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    server = EmulatorServer(token="sync-token")
    server.faults.append(Fault(503, "/commands", method="PUT"))
    with caplog.at_level(logging.INFO):
        assert await sync_against(server, tmp_path, "sync-token") == 1
    assert server.stats.faults_served == 1 and server.command_syncs == 0
    problems = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert [r.getMessage() for r in problems] == [
        "could not sync the slash commands (503 Service Unavailable (error code: 0): "
        "503: emulated server error)"
    ]
    assert problems[0].exc_info is None
