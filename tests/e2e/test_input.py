"""What people type: autocomplete, cooldowns, and bad input answered kindly and privately."""

from __future__ import annotations

import time

import pytest

from bot.emulator.driver import UsageError
from bot.flows.budget import BURST, TokenBuckets
from bot.local.harness import Harness
from tests.e2e.support import WHERE, bot_of, newcomer, no_mentions, run, with_chart, written

# ----------------------------------------------------------------- autocomplete


@pytest.mark.parametrize("where", WHERE)
async def test_location_autocomplete_puts_prefix_matches_first(
    harness: Harness, where: str
) -> None:
    slow_refill(harness)
    user, place = await newcomer(harness, "typist", where)
    started = time.perf_counter()
    choices = await harness.driver.autocomplete(
        user, place, "estimate", {"location": "sea"}, "location"
    )
    assert time.perf_counter() - started < 1.5, "answered well inside Discord's 3 s"
    assert choices[0] == {"name": "Seattle, WA", "value": "us-seattle"}

    san = await harness.driver.autocomplete(
        user, place, "estimate", {"location": "san"}, "location"
    )
    assert 1 < len(san) <= 25
    starts = [c["name"].lower().startswith("san") for c in san]
    assert starts[0] and starts == sorted(starts, reverse=True), "prefix matches come first"

    everything = await harness.driver.autocomplete(
        user, place, "estimate", {"location": ""}, "location"
    )
    assert len(everything) == 25


@pytest.mark.parametrize("where", WHERE)
async def test_role_autocomplete_knows_aliases(harness: Harness, where: str) -> None:
    user, place = await newcomer(harness, "alias", where)
    for typed in ("MLE", "mle"):
        choices = await harness.driver.autocomplete(
            user, place, "compare roles", {"role": typed}, "role"
        )
        assert choices[0]["value"] == "ml_engineer", typed
    scientist = await harness.driver.autocomplete(
        user, place, "profile set", {"role": "data sc"}, "role"
    )
    assert scientist[0] == {"name": "Data Scientist", "value": "data_scientist"}


@pytest.mark.parametrize("where", WHERE)
async def test_skills_autocomplete_completes_the_last_item_of_a_list(
    harness: Harness, where: str
) -> None:
    user, place = await newcomer(harness, "lister", where)
    choices = await harness.driver.autocomplete(
        user, place, "tips", {"skills": "python, py"}, "skills"
    )
    assert choices and len(choices) <= 25
    values = [c["value"] for c in choices]
    assert all(v.startswith("python, ") for v in values), values
    assert "python, pytorch" in values
    assert "python, python" not in values, "no item twice"
    assert all(
        len(c["name"]) <= 100 and len(v) <= 100 for c, v in zip(choices, values, strict=True)
    )

    # What the list completes to is accepted by the command.
    record = await run(harness, user, place, "estimate", {"skills": "python, pytorch"})
    assert "skills: Python, PyTorch" in record.message.headline()

    places = await harness.driver.autocomplete(
        user, place, "compare locations", {"places": "seattle, aus"}, "places"
    )
    assert places[0]["value"] == "seattle, us-austin"


@pytest.mark.parametrize("typed", ["x" * 3000, "🔥" * 500, ", , ,", "<@&1> @everyone"])
async def test_autocomplete_survives_anything_typed(harness: Harness, typed: str) -> None:
    user = harness.server.add_user("fuzzy")
    place = harness.server.dm(user)
    for command, option in (
        ("estimate", "location"),
        ("estimate", "skills"),
        ("profile set", "certifications"),
        ("compare locations", "places"),
    ):
        choices = await harness.driver.autocomplete(user, place, command, {option: typed}, option)
        assert len(choices) <= 25
        assert all(len(c["name"]) <= 100 and len(c["value"]) <= 100 for c in choices)


# ----------------------------------------------------------------- cooldown


def slow_refill(harness: Harness) -> None:
    """The bucket's burst, without a refill landing mid-test on a slow machine."""
    bot_of(harness).budget = TokenBuckets(refill_every_s=3600.0)


HEAVY = [
    ("estimate", {"role": "mle"}),
    ("whatif", {"location": "london"}),
    ("tips", {}),
    ("compare roles", {}),
    ("compare locations", {"places": "berlin"}),
]


@pytest.mark.parametrize("where", WHERE)
async def test_a_burst_of_heavy_commands_then_a_polite_wait(harness: Harness, where: str) -> None:
    slow_refill(harness)
    user, place = await newcomer(harness, "eager", where)
    for command, options in (HEAVY * BURST)[:BURST]:
        record = await run(harness, user, place, command, options)
        assert record.message.components_v2, command
        # Light commands do not count.
        await run(harness, user, place, "profile show")
    await with_chart(record)
    over = await run(harness, user, place, "estimate")
    message = over.message
    assert message.ephemeral and not message.components_v2
    assert message.content.startswith("Easy there: try again in ")
    assert message.content.endswith(" s.")
    seconds = int(message.content.removeprefix("Easy there: try again in ").split()[0])
    assert seconds > 0
    # Each answer was recorded; the refused one was not.
    assert len(await (await written(harness, user.id)).history.recent(user.id, limit=50)) == BURST

    # One person's budget is theirs alone.
    other = harness.server.add_user("patient")
    other_place = place if where == "guild" else harness.server.dm(other)
    fine = await run(harness, other, other_place, "estimate")
    assert fine.message.components_v2


async def test_bad_input_spends_no_budget(harness: Harness) -> None:
    slow_refill(harness)
    user = harness.server.add_user("typist")
    place = harness.server.dm(user)
    for _ in range(BURST + 3):
        typo = await run(harness, user, place, "estimate", {"role": "astronaut"})
        assert "Unknown role" in typo.message.content
    for _ in range(BURST):
        fixed = await run(harness, user, place, "estimate", {"role": "mle"})
        assert fixed.message.components_v2


async def test_answer_buttons_and_commands_share_one_budget(harness: Harness) -> None:
    slow_refill(harness)
    user = harness.server.add_user("clicker")
    place = harness.server.dm(user)
    answer = (await run(harness, user, place, "estimate", {"role": "mle"})).message
    replies = []
    for _ in range(BURST - 2):
        pressed = await harness.driver.press(user, answer, "Tips for me")
        replies.append((await pressed.wait_settled()).message)
    assert all(reply.components_v2 for reply in replies)
    # The tenth answer is a command; the eleventh, a button, must wait.
    assert (await run(harness, user, place, "tips")).message.components_v2
    pressed = await harness.driver.press(user, answer, "Tips for me")
    last = (await pressed.wait_settled()).message
    assert last.ephemeral and last.content.startswith("Easy there: try again in ")
    refused = await run(harness, user, place, "tips")
    assert refused.message.content.startswith("Easy there: try again in ")


# ----------------------------------------------------------------- bad input


@pytest.mark.parametrize("where", WHERE)
@pytest.mark.parametrize(
    ("command", "options", "expected"),
    [
        ("estimate", {"role": "astronaut"}, "Unknown role 'astronaut'"),
        ("tips", {"location": "seatle"}, "Unknown location 'seatle': did you mean Seattle, WA"),
        ("compare roles", {"location": "sanfransisco"}, "did you mean San Francisco, CA"),
        ("estimate", {"location": "qwxzqwxz"}, "Unknown location 'qwxzqwxz'"),
        ("whatif", {"role": "astronaut"}, "Unknown role 'astronaut'"),
        ("estimate", {"skills": ("python, " * 38)[:300]}, "Too many skills"),
        ("profile set", {"role": "r" * 100}, "Unknown role 'rrrr"),
        ("profile set", {"certifications": "🎓"}, "no letters or digits"),
        ("compare locations", {"places": "🌍, 🌎"}, "no letters or digits"),
    ],
)
async def test_bad_input_gets_a_private_answer_saying_how_to_fix_it(
    harness: Harness, where: str, command: str, options: dict[str, str], expected: str
) -> None:
    user, place = await newcomer(harness, "clumsy", where)
    if command == "whatif":
        await with_chart(await run(harness, user, place, "estimate", {"role": "mle"}))
    record = await run(harness, user, place, command, options)
    message = record.message
    assert message.ephemeral
    assert expected in message.content, message.content
    assert not message.components_v2 and not message.buttons()
    assert len(message.content) <= 200, "long input is not echoed back whole"
    assert "error id" not in message.content
    no_mentions(message)
    store = await written(harness, user.id)
    assert await store.profiles.get(user.id) is None
    assert len(await store.history.recent(user.id)) == (1 if command == "whatif" else 0)


@pytest.mark.parametrize(
    ("command", "options", "expected"),
    [
        ("estimate", {"skills": "🔥🚀"}, "The skill '🔥🚀' has no letters or digits in it."),
        ("tips", {"skills": "x" * 300}, "That skill is too long (300 characters)"),
    ],
)
async def test_an_unreadable_list_item_is_left_out_and_said(
    harness: Harness, command: str, options: dict[str, str], expected: str
) -> None:
    user = harness.server.add_user("hasty")
    record = await run(harness, user, harness.server.dm(user), command, options)
    message = record.message
    assert message.components_v2, message.content
    text = message.card_text()
    assert expected in text and "left out" in text
    assert "x" * 60 not in text, "long input is not echoed back whole"
    no_mentions(message)


@pytest.mark.parametrize(
    ("options", "problem"),
    [
        ({"years": -1}, "between 0 and 50"),
        ({"years": 51}, "between 0 and 50"),
        ({"role": "x" * 3000}, "1-100 characters"),
        ({"skills": "python, " * 375}, "1-300 characters"),
        ({"location": ""}, "1-100 characters"),
        ({"level": "wizard"}, "must be one of"),
    ],
)
async def test_input_discord_itself_refuses_never_reaches_the_bot(
    harness: Harness, options: dict[str, object], problem: str
) -> None:
    user = harness.server.add_user("refused")
    before = len(harness.server.interactions)
    with pytest.raises(UsageError, match=problem):
        await harness.driver.slash(user, harness.server.dm(user), "estimate", options)
    assert len(harness.server.interactions) == before


@pytest.mark.parametrize("where", WHERE)
async def test_mentions_in_echoed_text_never_ping(harness: Harness, where: str) -> None:
    user, place = await newcomer(harness, "pinger", where)
    sneaky = "@everyone <@&123>"
    record = await run(harness, user, place, "estimate", {"role": sneaky})
    assert sneaky in record.message.content, "echoed, but inert"
    no_mentions(record.message)
    assert record.message.request["allowed_mentions"] == {"parse": []}

    places = await run(harness, user, place, "compare locations", {"places": "<@1>, @here"})
    assert "Unknown location" in places.message.content
    no_mentions(places.message)

    # The fine answers too: every message the bot sends turns mentions off.
    answer = await run(harness, user, place, "estimate", {"role": "mle"})
    no_mentions(await with_chart(answer))


@pytest.mark.parametrize("command", ["compare roles", "tips", "estimate"])
async def test_many_unknown_list_items_fit_the_answer(harness: Harness, command: str) -> None:
    user = harness.server.add_user("wordy")
    # Twenty short unknown skills (the most a list takes) leave twenty notes.
    unknown = ", ".join(f"zqx{n}vw{n}" for n in range(20))
    assert len(unknown) <= 300  # the option's own limit
    record = await run(harness, user, harness.server.dm(user), command, {"skills": unknown})
    message = record.message
    assert message.components_v2, message.text()
    text = message.text()
    assert "It was left out of this answer." in text
    assert sum(len(text) for text in message.card_texts()) <= 4000
    # The harness fails the test on any payload Discord would refuse (lengths included).


# ------------------------------------------------------------- roles as typed


@pytest.mark.parametrize(
    ("typed", "role", "level"),
    [
        ("senior mle", "Machine Learning Engineer", "Senior (6-10 years)"),
        ("sr mle", "Machine Learning Engineer", "Senior (6-10 years)"),
        ("Sr. MLE II", "Machine Learning Engineer", "Senior (6-10 years)"),
        ("staff swe", "Software Engineer", "Staff (Senior band)"),
        ("principal rs", "Research / Applied Scientist", "Principal / Executive (10+ years)"),
        ("intern da", "Data Analyst", "Entry (0-2 years)"),
        ("junior data eng", None, None),
    ],
)
async def test_title_words_combine_with_every_role_alias(
    harness: Harness, typed: str, role: str | None, level: str | None
) -> None:
    user = harness.server.add_user("titled")
    record = await run(
        harness, user, harness.server.dm(user), "estimate", {"role": typed, "location": "seattle"}
    )
    message = record.message
    if role is None:
        # Not an alias with title words: refused, as before, and the way forward is given.
        assert "Unknown role" in message.content and "data engineer" in message.content
        return
    assert message.components_v2, message.content
    title = message.title
    assert role in title and level in title, title
    assert "not a role in the data" not in message.card_text(), "a known role is no guess"


async def test_an_unknown_role_names_every_role_and_the_likeliest(harness: Harness) -> None:
    user = harness.server.add_user("misspelt")
    record = await run(
        harness, user, harness.server.dm(user), "estimate", {"role": "senior ml enginer"}
    )
    content = record.message.content
    assert "Unknown role 'senior ml enginer': did you mean Machine Learning Engineer?" in content
    roles = (
        "ML engineer, data scientist, research scientist, software engineer, AI engineer, "
        "data engineer, data analyst or MLOps engineer"
    )
    assert f"The 8 roles: {roles}." in content
    no_mentions(record.message)
