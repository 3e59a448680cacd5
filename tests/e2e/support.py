"""Small helpers shared by the command tests: places, settled answers, charts."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.app.client import SalaryBot
from bot.emulator.driver import MODAL_SUBMIT
from bot.emulator.form_answers import Answer, modal_submission
from bot.emulator.records import InteractionRecord, StoredMessage, modal_fields
from bot.emulator.server import EmulatedUser, EmulatorServer, Place
from bot.local.harness import Harness
from db.store import Store

REPO = Path(__file__).resolve().parents[2]
WHERE = ["guild", "dm"]
NO_MENTIONS = {"parse": []}
PNG = b"\x89PNG\r\n\x1a\n"
MONEY = r"\$[0-9][0-9,.]*[kK]?"


def amounts(text: str) -> list[float]:
    """ "$143k · $171k" -> [143000, 171000]."""
    out = []
    for number, thousands in re.findall(r"\$([0-9][0-9,.]*)([kK]?)", text):
        out.append(float(number.replace(",", "")) * (1000 if thousands else 1))
    return out


async def place_for(
    harness: Harness, user: EmulatedUser, where: str, channels: tuple[str, ...] = ("general",)
) -> Place:
    """A channel of a fresh server (announced to the bot) or the user's DM with the bot."""
    server = harness.server
    if where == "dm":
        return server.dm(user)
    guild = server.add_guild(channel_names=channels)
    # A server created after start-up needs its GUILD_CREATE, as Discord sends on join.
    await server.dispatch("GUILD_CREATE", guild)
    return server.in_guild(guild)


async def newcomer(
    harness: Harness, name: str, where: str, **user_options: Any
) -> tuple[EmulatedUser, Place]:
    """A new user and the place they ask in: a fresh server's channel or their DM."""
    user = harness.server.add_user(name, **user_options)
    return user, await place_for(harness, user, where)


@dataclass(frozen=True)
class Asker:
    """A new user and the place they ask in: `where` is "guild" (a fresh server's channel)
    or "dm" (their DM with the bot)."""

    harness: Harness
    user: EmulatedUser
    place: Place
    where: str

    async def run(self, command: str, options: dict[str, Any] | None = None) -> InteractionRecord:
        """`command` asked here, its whole answer waited for (as `run`)."""
        return await run(self.harness, self.user, self.place, command, options)


# Answers that arrive first and then gain their chart (and buttons) in one edit.
ENRICHED = ("estimate", "whatif", "compare")


async def run(
    harness: Harness,
    user: EmulatedUser,
    place: Place,
    command: str,
    options: dict[str, Any] | None = None,
) -> InteractionRecord:
    """Run a command and wait for its whole answer, as a person would before typing on."""
    record = await harness.driver.slash(user, place, command, options)
    await record.wait_settled()
    if command.split()[0] in ENRICHED and record.messages() and record.message.components_v2:
        await with_chart(record)
    return record


async def with_chart(record: InteractionRecord) -> StoredMessage:
    """The answer once its chart has been attached by the edit that follows it."""
    await record.wait_for(lambda r: bool(r.messages()) and bool(r.message.files), timeout=10)
    return record.message


async def settled(record: InteractionRecord) -> InteractionRecord:
    return await record.wait_settled()


def bot_of(harness: Harness) -> SalaryBot:
    assert harness.bot is not None
    return harness.bot


async def written(harness: Harness, user_id: int) -> Store:
    """The bot's store once the entries of the answers `user_id` was sent are written."""
    store = bot_of(harness).store
    await store.pending.settled(user_id)
    return store


def field(message: StoredMessage, name: str) -> str:
    """The value of the embed field whose name starts with `name` (embeds: profile, share)."""
    for item in message.embed.get("fields") or []:
        if str(item["name"]).startswith(name):
            return str(item["value"])
    names = [item["name"] for item in message.embed.get("fields") or []]
    raise AssertionError(f"no field {name!r} in {names}")


async def submit_forged(
    harness: Harness,
    user: EmulatedUser,
    place: Place,
    modal: dict[str, Any],
    answers: dict[str, Answer],
    label: str,
    sent: Any,
) -> InteractionRecord:
    """What a modified client could send: the filled form with one field's answer replaced
    by `sent`, unchecked. Returns the settled record."""
    data = modal_submission(modal, answers)
    index = [question.label for question in modal_fields(modal)].index(label)
    component = data["components"][index]["component"]
    component["values" if "values" in component else "value"] = sent
    record = await harness.driver.send_raw(MODAL_SUBMIT, user, place, data)
    return await record.wait_settled()


def expects_private_in_guild(where: str, message: StoredMessage) -> None:
    """Answers are private in servers by default; a DM answer is an ordinary message."""
    assert message.ephemeral is (where == "guild")


def no_mentions(message: StoredMessage) -> None:
    """Every body that made or changed the message turned mentions off."""
    assert message.requests, "the emulator kept no request body"
    for body in message.requests:
        # A card's text displays can mention people as content can.
        if any(body.get(key) for key in ("allowed_mentions", "content", "embeds", "components")):
            assert body.get("allowed_mentions") == NO_MENTIONS, body.get("allowed_mentions")


async def start_bot_process(
    server: EmulatorServer,
    database: Path,
    log_level: str,
    *args: str,
    environment: dict[str, str] | None = None,
    wrapper: tuple[str, ...] = (),
    **streams: Any,
) -> asyncio.subprocess.Process:
    """The real bot as its own process (`bot.local.serve_bot`), pointed at `server`;
    `wrapper` is what runs it (scripts/supervise), if not Python itself."""
    env = {
        **os.environ,
        "DISCORD_TOKEN": server.token,
        "DATABASE_PATH": str(database),
        "LOG_LEVEL": log_level,
        "PYTHONPATH": str(REPO),
        **(environment or {}),
    }
    return await asyncio.create_subprocess_exec(
        *wrapper,
        sys.executable,
        "-m",
        "bot.local.serve_bot",
        "--api",
        server.api_base,
        "--gateway",
        server.gateway_url,
        *args,
        cwd=database.parent,
        env=env,
        **streams,
    )


async def stop_process(process: asyncio.subprocess.Process) -> None:
    """SIGTERM, as a host stops the bot; SIGKILL if it has not exited within 30 s."""
    process.send_signal(signal.SIGTERM)
    try:
        await asyncio.wait_for(process.wait(), timeout=30)
    except TimeoutError:
        process.kill()
        await process.wait()


def run_console(
    tmp_path: Path, lines: str, *args: str, **env_extra: str
) -> subprocess.CompletedProcess[str]:
    """`python -m bot ARGS` with `lines` typed in, with no token but those in `env_extra`."""
    env = {k: v for k, v in os.environ.items() if k != "DISCORD_TOKEN"}
    env.update(DATABASE_PATH=str(tmp_path / "console.sqlite3"), PYTHONPATH=str(REPO), **env_extra)
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=lines,
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
