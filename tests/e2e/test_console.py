"""The console, as a person would use it from a shell, piped input included."""

from __future__ import annotations

import asyncio
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.emulator.driver import UsageError
from bot.local.console import Console, ConsoleView, parse_line
from bot.local.harness import Harness

REPO = Path(__file__).resolve().parents[2]


def run_console(tmp_path: Path, lines: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "DISCORD_TOKEN"}
    env.update(DATABASE_PATH=str(tmp_path / "console.sqlite3"), PYTHONPATH=str(REPO))
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=lines,
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_parse_line_reads_subcommands_and_quoted_values() -> None:
    assert parse_line('/compare roles location:"San Francisco" years:4') == (
        "compare roles",
        {"location": "San Francisco", "years": "4"},
    )
    with pytest.raises(UsageError):
        parse_line("/estimate role:mle extra")
    with pytest.raises(UsageError):
        parse_line('/estimate location:"unclosed')


def test_no_token_opens_the_console_and_piped_about_answers(tmp_path: Path) -> None:
    done = run_console(tmp_path, "/about\n")
    assert done.returncode == 0, done.stderr
    assert "== ML Salary Bot ==" in done.stdout
    assert "Data sources" in done.stdout
    assert "Traceback" not in done.stderr


def test_console_reports_mistakes_and_keeps_going(tmp_path: Path) -> None:
    done = run_console(tmp_path, "/nosuch\nreply hello\n/about\n", "console")
    assert done.returncode == 0, done.stderr
    assert "unknown command /nosuch" in done.stdout
    assert "there is no answer of the bot's to reply to yet" in done.stdout
    assert "== ML Salary Bot ==" in done.stdout


async def test_tab_completion_uses_the_bots_own_autocomplete(
    harness: Harness, tmp_path: Path
) -> None:
    user = harness.server.add_user("typist")
    console = Console(harness, user, harness.server.dm(user), ConsoleView(tmp_path, io.StringIO()))
    loop = asyncio.get_running_loop()

    async def complete(buffer: str) -> list[str]:
        # Completion runs in the input thread while the bot runs on this loop.
        return await asyncio.to_thread(console.completions, buffer, loop)

    assert await complete("/est") == ["/estimate"]
    assert "role:" in await complete("/estimate ro")
    assert await complete("/compare r") == ["roles"]
    assert (await complete("/estimate location:seat"))[0] == "location:us-seattle"
    assert "level:senior" in await complete("/estimate level:s")
