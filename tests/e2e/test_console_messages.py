"""The console as a new user tries plain words: DMs, a reply, and mentions in a server."""

from __future__ import annotations

from pathlib import Path

from bot.render.ask import ASK_PRIVATELY, HELP_LINE
from tests.e2e.support import run_console


def answers(stdout: str) -> list[str]:
    """The console's output, one block per answer."""
    return [block.strip() for block in stdout.split("\n\n") if block.strip()]


def test_a_new_user_asks_in_a_dm_and_follows_up(tmp_path: Path) -> None:
    lines = (
        "senior ml engineer in berlin?\n"
        "reply and in munich?\n"
        "is 185k base fair for a senior mle in seattle\n"
        "hello\n"
        "hello again\n"
    )
    done = run_console(tmp_path, lines, "console")
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    blocks = answers(done.stdout)
    berlin, munich, offer, help_line, silence = blocks
    assert berlin.startswith("== Machine Learning Engineer · Senior") and "Berlin" in berlin
    assert "P50 €" in berlin, "Berlin's band in euros"
    assert munich.startswith("From your estimate for Berlin: location Berlin → Munich.")
    assert "Munich, Germany ==" in munich
    assert offer.startswith("== Offer check · Machine Learning Engineer · Senior")
    assert "The base $185K is" in offer
    assert help_line == HELP_LINE
    assert silence == "(no reply)", "one help line, not one per message"


def test_mentions_are_answered_in_the_career_channel_only(tmp_path: Path) -> None:
    lines = (
        "/settings career_channel:#careers\n"
        "/channel #careers\n"
        "@bot is 185k base fair for a senior mle in seattle\n"
        "/channel general\n"
        "@bot is 185k base fair for a senior mle in seattle\n"
        "is 185k base fair for a senior mle in seattle\n"
    )
    done = run_console(tmp_path, lines, "console", "--server")
    assert done.returncode == 0, done.stderr
    blocks = answers(done.stdout)
    in_careers = blocks.index("Now in #careers.") + 1
    assert blocks[in_careers].startswith("== Offer check · Machine Learning Engineer")
    in_general = blocks.index("Now in general.") + 1
    assert blocks[in_general] == ASK_PRIVATELY
    assert blocks[in_general + 1].startswith("(the bot reads only messages that mention it")
