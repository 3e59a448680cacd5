"""The console, as a person would use it from a shell, piped input included."""

from __future__ import annotations

import asyncio
import io
from pathlib import Path

import pytest

from bot.emulator.driver import UsageError
from bot.local.console import Console, ConsoleView, parse_line
from bot.local.harness import Harness
from tests.e2e.support import bot_of, run, run_console


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


class Scripted:
    """A person answering the console's prompts in turn; the prompts are kept to read."""

    def __init__(self, *lines: str) -> None:
        self.lines = iter(lines)
        self.asked: list[str] = []

    async def __call__(self, prompt: str) -> str | None:
        self.asked.append(prompt)
        return next(self.lines, None)


async def test_a_form_in_the_console_shows_labels_and_options_and_takes_picks(
    harness: Harness, tmp_path: Path
) -> None:
    user = harness.server.add_user("console-form")
    out = io.StringIO()
    console = Console(harness, user, harness.server.dm(user), ConsoleView(tmp_path, out))
    # The base asked again when left empty; a schedule picked after one out of range.
    read_line = Scripted("", "185k", "15%", "400k", "12", "7", "30k")
    await console.handle("/offer check role:mle level:senior location:seattle", read_line)
    text = out.getvalue()
    assert "== Check an offer ==" in text
    assert "-- Base salary (per year) (required)" in text and "e.g. 185k" in text
    assert "-- Vesting (pick one)" in text
    assert "  * 1) 4 years, 1-year cliff - 25% each year" in text, "the default is marked"
    assert "    7) 5/15/40/40 over 4 years, 1-year cliff" in text
    assert "! this one must be answered" in text
    assert "! no option 12: pick 1 to 10" in text
    assert "picked: 5/15/40/40 over 4 years, 1-year cliff" in text
    assert "   number [1]: " in read_line.asked
    assert "`   1  $185K   $28K   $20K    $30K  $263K`" in text, "the first year vests 5%"


async def test_a_german_member_reads_the_form_and_the_clients_words_in_german(
    harness: Harness, tmp_path: Path
) -> None:
    user = harness.server.add_user("console-form-de", locale="de")
    out = io.StringIO()
    view = ConsoleView(tmp_path, out, "de")
    console = Console(harness, user, harness.server.dm(user), view)
    read_line = Scripted("185k", "", "", "7", "")
    await console.handle("/offer check role:mle level:senior location:seattle", read_line)
    text = out.getvalue()
    assert "== Angebot prüfen == (ein Formular: Enter behält, was steht" in text
    assert "-- Grundgehalt (pro Jahr) (Pflichtfeld)" in text
    assert "-- Vesting (eins wählen)" in text
    assert "gewählt: 5/15/40/40 über 4 Jahre, 1 Jahr Cliff" in text
    assert "== Angebotscheck · " in text


async def test_console_profile_form_keeps_what_is_shown_and_picks_several(
    harness: Harness, tmp_path: Path
) -> None:
    user = harness.server.add_user("console-profile")
    place = harness.server.dm(user)
    await run(harness, user, place, "profile set", {"location": "berlin", "years": 4})
    out = io.StringIO()
    console = Console(harness, user, place, ConsoleView(tmp_path, out))
    # Role by name, experience kept, location kept, skills by numbers, certifications none.
    read_line = Scripted("Data Scientist", "", "", "1 6", "-")
    await console.handle("/profile set", read_line)
    assert "   [Berlin, Germany]: " in read_line.asked
    assert "picked: Python; SQL" in out.getvalue()
    profile = await bot_of(harness).store.profiles.get(user.id)
    assert profile is not None
    assert (profile.role, profile.years, profile.location) == ("data_scientist", 4, "de-berlin")
    assert sorted(profile.skills) == ["python", "sql"] and profile.certifications == ()
