"""The local console: a small Discord client over the emulator, driving the real bot.

Type slash commands as in Discord (`/estimate role:ml_engineer years:4 location:"San Francisco"`),
press a button by typing its label, and Tab-complete options from the bot's own autocomplete.
Piped input works too: each line is sent, each answer printed, and end of input exits 0.
"""

from __future__ import annotations

import asyncio
import contextlib
import getpass
import shlex
import sys
from pathlib import Path
from typing import Any

from bot.app.config import Config
from bot.emulator.driver import Driver, UsageError
from bot.emulator.records import InteractionRecord, StoredMessage
from bot.emulator.server import EmulatedUser, Place
from bot.flows.budget import Unlimited
from bot.local.console_form import fill_form
from bot.local.console_messages import Conversation, channel_by_name, with_channel_ids
from bot.local.console_view import ConsoleView
from bot.local.harness import Harness

# The console's way to right-click a message: post the text, then run the menu on it.
CHECK_RANGE = "/check-range"
RANGE_MENU = "Check this salary range"
# One local person, the same on every run, so their saved profile carries over.
CONSOLE_USER_ID = 100_000_000_000_000_001
ANSWER_TIMEOUT_S = 20.0
HELP = """Type a slash command as in Discord, e.g.
  /about
  /estimate role:ml_engineer years:4 location:seattle
  /compare roles location:"San Francisco"
  /check-range Senior ML engineer, $150k-$200k   (posts the text, then runs the
                                                  "Check this salary range" menu on it)
Type a button's label to press it (buttons of the last answer are listed under it).
A line without "/" is a message: a DM to the bot (e.g. senior ml engineer in berlin?), or in
a server a message in the channel, which the bot reads when it starts with @bot.
'reply TEXT' replies to the bot's last answer to a message (e.g. reply and in munich?).
'/channel NAME' moves to another channel of the server (--server has #general and #careers);
channel options take #NAME.
'/as NAME' acts as another person from then on ('/as me' comes back).
Options with spaces need quotes. Tab completes commands, options and values.
'help' shows this, 'quit' or end of input leaves."""


def parse_line(line: str) -> tuple[str, dict[str, str]]:
    """`/compare roles location:"New York"` -> ("compare roles", {"location": "New York"})."""
    try:
        tokens = shlex.split(line)
    except ValueError as error:
        raise UsageError(f"could not read that line: {error}") from None
    if not tokens or not tokens[0].startswith("/"):
        raise UsageError("commands start with /")
    words: list[str] = []
    options: dict[str, str] = {}
    for token in tokens:
        name, sep, value = token.partition(":")
        if sep and name and not name.startswith("/"):
            options[name.strip().lower()] = value
        elif options:
            raise UsageError(f"{token!r} comes after the options; subcommands go first")
        else:
            words.append(token.lstrip("/").lower())
    return " ".join(words), options


def _state(record: InteractionRecord) -> tuple[int, ...]:
    return (*(message.edits for message in record.messages()), len(record.message_ids))


async def settle_quietly(
    record: InteractionRecord, quiet_s: float = 0.3, limit_s: float = 5.0
) -> None:
    """Wait until the answer stops changing: charts and buttons follow it in an edit."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + limit_s
    last, since = _state(record), loop.time()
    while loop.time() - since < quiet_s and loop.time() < deadline:
        await asyncio.sleep(0.03)
        if (now := _state(record)) != last:
            last, since = now, loop.time()


class Console:
    def __init__(
        self, harness: Harness, user: EmulatedUser, place: Place, view: ConsoleView
    ) -> None:
        self.harness = harness
        self.driver: Driver = harness.driver
        self.user = user
        self.place = place
        self.view = view
        self.last: StoredMessage | None = None
        self.pending_modal: dict[str, Any] | None = None
        # The people this session has acted as, by name, so `/as` can come back to them.
        self.people: dict[str, EmulatedUser] = {"me": user}
        self.conversation = Conversation(self.driver, view)

    def act_as(self, name: str) -> EmulatedUser:
        """Switch the emulated person; a new name is a new member, never an admin."""
        name = name.strip() or "me"
        if name not in self.people:  # speaking the console's language
            locale = self.people["me"].locale
            self.people[name] = self.harness.server.add_user(name, locale=locale)
        self.user = self.people[name]
        self.last = None
        return self.user

    async def handle(self, line: str, read_line: Any) -> None:
        line = line.strip()
        if not line:
            return
        if line.lower() == "help":
            print(HELP + "\n", file=self.view.out, flush=True)
            return
        if line.lower().startswith("/as ") or line.lower() == "/as":
            person = self.act_as(line[3:])
            print(f"Now acting as {person.name} (user id {person.id}).\n", file=self.view.out)
            return
        try:
            if line.lower().startswith("/channel"):
                self.place = channel_by_name(self.harness.server, self.place, line[8:])
                print(f"Now in {line[8:].strip()}.\n", file=self.view.out, flush=True)
                return
            if not line.startswith("/") and not self._presses(line):
                await self.conversation.send(self.user, self._message_place(), line)
                return
            record = await self._send(line)
        except UsageError as error:
            print(f"! {error}\n", file=self.view.out, flush=True)
            return
        await self._show(record, read_line)

    async def _send(self, line: str) -> InteractionRecord:
        head, _, text = line.partition(" ")
        if head.lower() == CHECK_RANGE:
            if not text.strip():
                raise UsageError(f"type the message after {CHECK_RANGE}")
            message = self.harness.server.post(self.user, self.place, text.strip())
            return await self.driver.message_command(self.user, self.place, RANGE_MENU, message)
        if line.startswith("/"):
            command, options = parse_line(line)
            options = with_channel_ids(self.harness.server, self.place, options)
            return await self.driver.slash(self.user, self.place, command, options)
        if self.last is None:
            raise UsageError("type a command first, for example /about (or 'help')")
        if line.lower().startswith("pick "):
            return await self.driver.select(self.user, self.last, self._picked(line[5:].split()))
        return await self.driver.press(self.user, self.last, line)

    def _presses(self, line: str) -> bool:
        """Whether the line presses a button or picks from a menu of the last answer."""
        last = self.last
        if last is None:
            return False
        labels = {str(button.get("label")) for button in last.buttons()}
        return line in labels or (line.lower().startswith("pick ") and bool(last.selects()))

    def _message_place(self) -> Place:
        """Where a message goes: the channel in a server, else this person's DM with the bot."""
        if self.place.guild_id is not None:
            return self.place
        return self.harness.server.dm(self.user)

    def _picked(self, tokens: list[str]) -> list[str]:
        """A menu's options by the numbers the console shows (1 is the first)."""
        assert self.last is not None
        options = next(
            (m.get("options") or [] for m in self.last.selects() if m.get("type") == 3), []
        )
        return [
            options[int(token) - 1]["value"]
            if token.isdigit() and 1 <= int(token) <= len(options)
            else token
            for token in tokens
        ]

    async def _show(self, record: InteractionRecord, read_line: Any) -> None:
        try:
            await record.wait_settled(timeout=ANSWER_TIMEOUT_S)
        except TimeoutError:
            print("! no answer from the bot in time\n", file=self.view.out, flush=True)
            return
        await settle_quietly(record)
        if record.response_type == 9:
            await self._fill_modal(record, read_line)
            return
        for message in record.messages():
            self.view.show(message)
            if message.buttons() or message.selects():
                self.last = message

    async def _fill_modal(self, record: InteractionRecord, read_line: Any) -> None:
        modal = record.modal
        answers = await fill_form(modal, read_line, self.view.out, self.view.locale)
        try:
            submitted = await self.driver.submit_modal(self.user, self.place, modal, answers)
        except UsageError as error:
            print(f"! {error}\n", file=self.view.out, flush=True)
            return
        await self._show(submitted, read_line)

    # ----------------------------------------------------------------- completion

    def completions(self, buffer: str, loop: asyncio.AbstractEventLoop) -> list[str]:
        """Candidates for the last word of `buffer` (runs in the input thread)."""
        try:
            head, _, last = buffer.rpartition(" ")
            commands = self.harness.server.commands_for(self.place.guild_id)
            if not head:
                return [f"/{c['name']}" for c in commands if f"/{c['name']}".startswith(last)]
            words, options = parse_line(head) if head.strip().startswith("/") else ("", {})
            node = self._node(commands, words)
            if node is None:
                return []
            subs = [o for o in node.get("options") or [] if o["type"] in (1, 2)]
            if subs and ":" not in last:
                return [o["name"] for o in subs if o["name"].startswith(last)]
            name, sep, typed = last.partition(":")
            declared = {o["name"]: o for o in node.get("options") or [] if o["type"] not in (1, 2)}
            if not sep:
                return [f"{n}:" for n in declared if n.startswith(name) and n not in options]
            spec = declared.get(name)
            if spec is None:
                return []
            if spec.get("choices"):
                values = [str(c["value"]) for c in spec["choices"]]
            elif spec.get("autocomplete"):
                future = asyncio.run_coroutine_threadsafe(
                    self.driver.autocomplete(
                        self.user, self.place, words, {**options, name: typed.strip('"')}, name
                    ),
                    loop,
                )
                values = [str(c["value"]) for c in future.result(timeout=3)]
            else:
                return []
            # Values that extend what was typed first; else the bot's matches by label.
            prefix = typed.strip('"').lower()
            values = [v for v in values if v.lower().startswith(prefix)] or (
                values if spec.get("autocomplete") else []
            )
            return [f'{name}:"{v}"' if " " in v else f"{name}:{v}" for v in values]
        except Exception:  # completion must never break typing
            return []

    @staticmethod
    def _node(commands: list[dict[str, Any]], words: str) -> dict[str, Any] | None:
        parts = words.split()
        node = next((c for c in commands if parts and c["name"] == parts[0]), None)
        for part in parts[1:]:
            if node is None:
                return None
            node = next((o for o in node.get("options") or [] if o["name"] == part), None)
        return node


def _install_completion(console: Console, loop: asyncio.AbstractEventLoop) -> None:
    try:
        import readline
    except ImportError:  # not every platform has readline; typing still works
        return
    matches: list[str] = []

    def complete(text: str, state: int) -> str | None:
        nonlocal matches
        if state == 0:
            buffer = readline.get_line_buffer()[: readline.get_endidx()]
            matches = console.completions(buffer, loop)
        return matches[state] if state < len(matches) else None

    readline.set_completer_delims(" ")
    readline.set_completer(complete)
    readline.parse_and_bind("tab: complete")


async def run_console(
    config: Config,
    *,
    in_server: bool = False,
    files_dir: str = "console-files",
    locale: str = "en-US",
) -> int:
    interactive = sys.stdin.isatty()
    # One local person, who crowds nobody out: no rate budget.
    harness = Harness(config, budget=Unlimited())
    try:
        await harness.start()
    except Exception as error:
        print(f"could not start the bot: {error}", file=sys.stderr)
        return 1
    server = harness.server
    user = EmulatedUser(CONSOLE_USER_ID, getpass.getuser() or "you", admin=True, locale=locale)
    place = (
        server.in_guild(server.add_guild("Local server", ("general", "careers")))
        if in_server
        else server.dm(user)
    )
    if in_server:
        # A server created after start-up needs its GUILD_CREATE, as Discord sends on join.
        await server.dispatch("GUILD_CREATE", server.guilds[place.guild_id or 0])
    console = Console(harness, user, place, ConsoleView(Path(files_dir), sys.stdout, locale))
    loop = asyncio.get_running_loop()

    async def read_line(prompt: str) -> str | None:
        def blocking() -> str | None:
            if interactive:
                try:
                    return input(prompt)
                except EOFError:
                    return None
            line = sys.stdin.readline()
            return line.rstrip("\n") if line else None

        return await loop.run_in_executor(None, blocking)

    if interactive:
        _install_completion(console, loop)
        where = "a server channel" if in_server else "a direct message"
        print(f"ML Salary Bot console, as {user.name} in {where}. Type 'help' for help.\n")
    try:
        while True:
            line = await read_line("> ")
            if line is None or line.strip().lower() in ("quit", "exit"):
                break
            await console.handle(line, read_line)
    except KeyboardInterrupt:
        pass
    finally:
        with contextlib.suppress(Exception):
            await harness.stop()
    return 0
