"""Abuse: every command's options fuzzed through the emulator (forms: test_fuzz_forms.py),
and one user flooding.

Options are drawn from the commands the bot itself synced (types, lengths, ranges,
choices), filled with any unicode, control characters, markdown, mentions and SQL. Whatever
comes in: no crash (no "Something went wrong"), no payload Discord would refuse, and every
message the bot sends or edits turns mentions off.

Hypothesis drives a synchronous test; the bot runs on an event loop in a thread of its own,
started once per test function, and each example is a coroutine sent to that loop.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Coroutine, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.emulator.driver import BOOLEAN, CHANNEL, INTEGER, NUMBER, STRING
from bot.emulator.records import InteractionRecord, StoredMessage
from bot.emulator.server import EmulatedUser, Place
from bot.flows.budget import BURST, TokenBuckets
from bot.local.harness import Harness
from bot.salary import taxonomy
from tests.conftest import make_config
from tests.e2e.support import bot_of
from tests.support.validation import PayloadValidator

T = TypeVar("T")
NO_MENTIONS = {"parse": []}
CRASH = "Something went wrong"
FUZZ = settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

NASTY = (
    "@everyone",
    "@here",
    "<@123456789012345678>",
    "<@!123456789012345678>",
    "<@&123456789012345678>",
    "<#123456789012345678>",
    "**bold** __under__ ~~strike~~ `code` ```block``` ||spoiler||",
    "[a link](https://example.com) # heading\n> quote",
    "'; DROP TABLE profiles; --",
    '" OR "1"="1',
    "Robert'); DELETE FROM history WHERE 1=1;--",
    "%s %d {0} {} $1 ?",
    "\x00\x07\x1b[31m\r\n\t\x7f",
    "\u202e\u200b\ufeff\u00ad",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🧑‍💻 ﷽ Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇",
    "9" * 60,
    "-1e309",
    "NaN",
    "null",
    "../../etc/passwd",
    "<script>alert(1)</script>",
    ",,,, , ,",
)
KNOWN: dict[str, list[str]] = {
    "role": [*taxonomy.keys("role"), "MLE", "data scientist"],
    "location": ["seattle", "london", "germany", "remote", "us-new-york", "India"],
    "places": ["Seattle, London", "remote, germany, toronto", "austin"],
    "skills": ["python, pytorch", "llm", "sql, spark, mlops"],
    "certifications": [*taxonomy.keys("certification")[:5]],
}
# Every command and subcommand the bot syncs; /boom and friends are not loaded here.
COMMANDS = [
    "about",
    "estimate",
    "whatif",
    "tips",
    "compare roles",
    "compare locations",
    "profile set",
    "profile show",
    "profile export",
    "profile delete",
    "history",
    "settings",
]


def text(min_size: int, max_size: int) -> st.SearchStrategy[str]:
    anything = st.text(
        alphabet=st.characters(exclude_categories=("Cs",)), min_size=min_size, max_size=max_size
    )
    pieces = st.lists(
        st.one_of(st.sampled_from(NASTY), st.text(max_size=8)), min_size=1, max_size=6
    ).map("".join)
    return (
        st.one_of(anything, st.sampled_from(NASTY), pieces)
        .map(lambda value: value[:max_size])
        .filter(lambda value: len(value) >= min_size)
    )


def option_values(spec: dict[str, Any], channels: list[str]) -> st.SearchStrategy[Any]:
    kind = spec["type"]
    if spec.get("choices"):
        return st.sampled_from([choice["value"] for choice in spec["choices"]])
    if kind == STRING:
        fuzz = text(int(spec.get("min_length", 0)), int(spec.get("max_length", 6000)))
        known = KNOWN.get(spec["name"])
        return st.one_of(st.sampled_from(known), fuzz) if known else fuzz
    if kind == INTEGER:
        # Discord's own bounds for an integer option when the command sets none.
        return st.integers(spec.get("min_value", -(2**53)), spec.get("max_value", 2**53))
    if kind == NUMBER:
        return st.floats(
            spec.get("min_value", -(2**53)),
            spec.get("max_value", 2**53),
            allow_nan=False,
            allow_infinity=False,
        )
    if kind == BOOLEAN:
        return st.booleans()
    if kind == CHANNEL:
        return st.sampled_from(channels)
    raise AssertionError(f"no strategy for option type {kind}")


def leaf(commands: list[dict[str, Any]], path: str) -> dict[str, Any]:
    words = path.split()
    node = next(command for command in commands if command["name"] == words[0])
    for word in words[1:]:
        node = next(option for option in node["options"] if option["name"] == word)
    return node


def options_for(spec: dict[str, Any], channels: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    required, optional = {}, {}
    for option in spec.get("options") or []:
        target = required if option.get("required") else optional
        target[option["name"]] = option_values(option, channels)
    return st.fixed_dictionaries(required, optional=optional)


# ----------------------------------------------------------------- the bot in a thread


class BotThread:
    """A Harness on its own event loop: examples are sent to it one at a time."""

    def __init__(self, harness: Harness) -> None:
        self.harness = harness
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.guild = harness.server.add_guild("Fuzz", ("general", "careers"))

    def call(self, coroutine: Coroutine[Any, Any, T], timeout: float = 60) -> T:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)

    def start(self) -> None:
        self.thread.start()
        self.call(self.harness.start())

    def stop(self) -> None:
        try:
            self.call(self.harness.stop())
        finally:
            # Views keep timeout tasks; closing the loop under them would log errors later.
            self.call(self._cancel_the_rest())
            self.loop.call_soon_threadsafe(self.loop.stop)
            self.thread.join(timeout=10)
            self.loop.close()

    @staticmethod
    async def _cancel_the_rest() -> None:
        tasks = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    @property
    def channels(self) -> list[str]:
        return [channel["id"] for channel in self.guild["channels"]]

    def place(self, user: EmulatedUser, where: str) -> Place:
        server = self.harness.server
        return server.in_guild(self.guild) if where == "guild" else server.dm(user)


@pytest.fixture
def bot(
    tmp_path: Path, validator: PayloadValidator, caplog: pytest.LogCaptureFixture
) -> Iterator[BotThread]:
    """The bot for one fuzz test; after the test's examples, every message it sent and
    every line it logged are checked too."""
    running = BotThread(Harness(make_config(tmp_path), validator=validator))
    running.start()
    try:
        yield running
        check_everything(running, caplog)
    finally:
        running.stop()
    assert running.harness.server.violations == [], "payloads Discord would refuse"
    assert running.harness.server.unhandled == []


# ----------------------------------------------------------------- what every answer must be


def check_message(message: StoredMessage) -> None:
    assert CRASH not in message.text(), message.text()
    for body in message.requests:
        if body.get("content") or body.get("embeds") or "allowed_mentions" in body:
            assert body.get("allowed_mentions") == NO_MENTIONS, body


def check_answer(
    bot: BotThread, record: InteractionRecord, caplog: pytest.LogCaptureFixture
) -> None:
    server = bot.harness.server
    assert record.rejected_callbacks == []
    for message in record.messages():
        check_message(message)
    assert server.violations == [], server.violations
    assert server.stats.unknown_interactions == 0
    assert server.stats.double_acknowledgements == 0
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors == [], errors


async def settle(record: InteractionRecord) -> InteractionRecord:
    return await record.wait_settled(timeout=15)


async def quiet(bot: BotThread) -> None:
    """Let late chart edits land, so they are checked too."""
    server = bot.harness.server
    seen = -1
    while seen != server.stats.requests:
        seen = server.stats.requests
        await asyncio.sleep(0.3)


def check_everything(bot: BotThread, caplog: pytest.LogCaptureFixture) -> None:
    bot.call(quiet(bot))
    for message in bot.harness.server.messages.values():
        check_message(message)
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors == [], errors


# ----------------------------------------------------------------- the fuzz tests


@pytest.mark.parametrize("command", COMMANDS)
def test_any_options_never_crash_or_mention(
    bot: BotThread, caplog: pytest.LogCaptureFixture, command: str
) -> None:
    harness = bot.harness
    spec = leaf(harness.server.global_commands, command)
    guild_only = harness.server.global_commands and 1 not in leaf(
        harness.server.global_commands, command.split()[0]
    ).get("contexts", [0, 1])

    @FUZZ
    @given(
        options=options_for(spec, bot.channels),
        where=st.sampled_from(["guild"] if guild_only else ["guild", "dm"]),
    )
    def example(options: dict[str, Any], where: str) -> None:
        # A fresh person each time: the cooldown is tested on its own below.
        user = harness.server.add_user("fuzzer", admin=True)
        place = bot.place(user, where)

        async def go() -> InteractionRecord:
            if command == "whatif":
                await settle(await harness.driver.slash(user, place, "estimate", {"role": "mle"}))
            return await settle(await harness.driver.slash(user, place, command, options))

        check_answer(bot, bot.call(go()), caplog)

    example()


def test_stored_fuzz_is_shown_again_safely(
    bot: BotThread, caplog: pytest.LogCaptureFixture
) -> None:
    """What was stored from odd input comes back through /profile show, /history, buttons."""
    harness = bot.harness
    commands = harness.server.global_commands
    profile_spec = leaf(commands, "profile set")
    estimate_spec = leaf(commands, "estimate")

    @FUZZ
    @given(
        profile=options_for(profile_spec, bot.channels),
        estimate=options_for(estimate_spec, bot.channels),
        button=st.sampled_from(["Compare roles", "Tips for me", "Save as my profile"]),
    )
    def example(profile: dict[str, Any], estimate: dict[str, Any], button: str) -> None:
        user = harness.server.add_user("keeper")
        place = harness.server.dm(user)
        driver = harness.driver

        async def go() -> list[InteractionRecord]:
            done = [await settle(await driver.slash(user, place, "profile set", profile))]
            asked = await settle(await driver.slash(user, place, "estimate", estimate))
            done.append(asked)
            if asked.message.components_v2:
                # The buttons come with the chart, in the edit after the answer.
                await asked.wait_for(lambda r: bool(r.message.buttons()), timeout=15)
            if any(b.get("label") == button for b in asked.message.buttons()):
                done.append(await settle(await driver.press(user, asked.message, button)))
            for command in ("profile show", "profile export", "history"):
                done.append(await settle(await driver.slash(user, place, command)))
            menu = done[-1].message.selects()
            if menu and menu[0]["options"][0]["value"] != "0":
                value = menu[0]["options"][0]["value"]
                done.append(await settle(await driver.select(user, done[-1].message, [value])))
            return done

        for record in bot.call(go()):
            check_answer(bot, record, caplog)

    example()


def test_any_autocomplete_text_never_crashes(
    bot: BotThread, caplog: pytest.LogCaptureFixture
) -> None:
    harness = bot.harness
    typed_options = [
        (path, option)
        for path in COMMANDS
        for option in leaf(harness.server.global_commands, path).get("options") or []
        if option.get("autocomplete")
    ]
    assert typed_options

    @FUZZ
    @given(
        target=st.sampled_from(typed_options),
        typed=st.one_of(text(0, 300), st.sampled_from(NASTY)),
    )
    def example(target: tuple[str, dict[str, Any]], typed: str) -> None:
        path, option = target
        user = harness.server.add_user("typist")
        typed = typed[: int(option.get("max_length", 6000))]
        choices = bot.call(
            harness.driver.autocomplete(
                user, harness.server.dm(user), path, {option["name"]: typed}, option["name"]
            )
        )
        assert len(choices) <= 25
        for choice in choices:
            assert 1 <= len(choice["name"]) <= 100 and len(str(choice["value"])) <= 100
        check_answer(bot, next(reversed(harness.server.interactions.values())), caplog)

    example()


# ----------------------------------------------------------------- a flood


async def test_flood_hits_its_cooldown_without_slowing_anyone_else(harness: Harness) -> None:
    server, driver = harness.server, harness.driver
    flooder, bystander = server.add_user("flooder"), server.add_user("bystander")
    # No refill lands mid-flood on a slow machine: the burst is what is tested here.
    bot_of(harness).budget = TokenBuckets(refill_every_s=3600.0)
    options = {"role": "mle", "years": 4, "location": "seattle"}
    flood = [
        await driver.slash(flooder, server.dm(flooder), "estimate", options)
        for _ in range(BURST + 1)
    ]
    sent = time.monotonic()
    other = await driver.slash(bystander, server.dm(bystander), "estimate", options)
    flood += [
        await driver.slash(flooder, server.dm(flooder), "estimate", options) for _ in range(6)
    ]
    for record in [*flood, other]:
        await record.wait_settled(timeout=15)
    waited_ms = ((other.first_response_at or sent) - sent) * 1000
    print(f"bystander answered {waited_ms:.1f} ms after asking, during a flood of {len(flood)}")
    refused = [r for r in flood if "Easy there" in r.message.content]
    answered = [r for r in flood if r.message.components_v2]
    assert len(answered) == BURST and len(refused) == len(flood) - BURST
    assert all(r.message.ephemeral for r in refused)
    assert other.message.components_v2 and "Easy there" not in other.message.content
    assert server.stats.unknown_interactions == 0
    assert server.stats.double_acknowledgements == 0
