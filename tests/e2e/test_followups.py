"""Follow-ups keep their context predictably: a what-if starts from the last estimate shown (or
the answer whose button was pressed) and says so first; a title names the band it used."""

from __future__ import annotations

import re

import pytest

from bot.emulator.records import StoredMessage
from bot.local.harness import Harness
from tests.e2e.support import Asker, run, with_chart, written

MONEY = r"[$£€][0-9][0-9,.]*K?"


def first_line(message: StoredMessage) -> str:
    return message.headline().splitlines()[0]


def median(message: StoredMessage) -> str:
    """The median base as the answer prints it, e.g. "$172K"."""
    found = re.search(rf"\*\*({MONEY})\*\* median", message.headline())
    assert found, message.headline()
    return found.group(1)


def change_from(message: StoredMessage) -> str:
    """The median a what-if says it moved from: "+$23K (+13%) median base: $172K → $195K"."""
    found = re.search(rf"median base: ({MONEY}) → ({MONEY})", message.section("What if"))
    assert found, message.section("What if")
    assert found.group(2) == median(message), "the change ends at the band shown"
    return found.group(1)


async def test_whatif_after_tips_starts_from_the_estimate_shown_and_names_it(asker: Asker) -> None:
    profile = {"role": "ml_engineer", "years": 4, "location": "denver"}
    await asker.run("profile set", profile)
    seattle = {"role": "mle", "years": 4, "location": "seattle"}
    estimate = (await asker.run("estimate", seattle)).message
    tips = (await asker.run("tips")).message
    assert "Denver, CO" in tips.title, "tips answer for the profile"

    moved = (await asker.run("whatif", {"location": "san jose"})).message
    assert first_line(moved) == (
        "From your estimate for **Machine Learning Engineer · Mid · 4 years · Seattle, WA**: "
        "location Seattle, WA → San Jose, CA."
    )
    assert change_from(moved) == median(estimate), "from Seattle's band, not Denver's"


@pytest.mark.parametrize(
    ("command", "options"),
    [
        ("tips", {"role": "data scientist", "location": "denver"}),
        ("compare roles", {"role": "data scientist", "location": "austin"}),
        ("compare locations", {"places": "Austin, Berlin", "role": "data scientist"}),
        ("offer check", {"base": "185k", "role": "mle", "level": "senior", "location": "seattle"}),
    ],
)
async def test_tips_comparisons_and_offers_do_not_move_where_a_whatif_starts(
    harness: Harness, command: str, options: dict[str, object]
) -> None:
    user = harness.server.add_user("steady")
    place = harness.server.dm(user)
    london = {"role": "mle", "years": 4, "location": "london"}
    estimate = (await run(harness, user, place, "estimate", london)).message
    between = await run(harness, user, place, command, options)
    if command == "offer check":
        # Even a saved offer is no estimate to change.
        saved = await harness.driver.press(user, await with_chart(between), "Save to history")
        await saved.wait_settled()
    entries = await (await written(harness, user.id)).history.recent(user.id)
    assert len(entries) == 2, "the answer in between is in the history all the same"

    raised = (await run(harness, user, place, "whatif", {"level": "principal"})).message
    assert first_line(raised).startswith(
        "From your estimate for **Machine Learning Engineer · Mid · 4 years · London, "
        "United Kingdom**: experience Mid · 4 years → Principal / Executive (10+ years)."
    )
    assert raised.title.endswith("London, United Kingdom")
    assert change_from(raised) == median(estimate)


async def test_with_no_estimate_to_change_a_whatif_says_so_and_points_to_estimate(
    asker: Asker,
) -> None:
    await asker.run("tips", {"role": "mle", "location": "berlin"})
    await asker.run("compare roles", {"location": "berlin"})
    record = await asker.run("whatif", {"years": 7})
    assert record.message.ephemeral and not record.message.components_v2
    assert record.message.content.startswith(
        "I have no estimate of yours to change yet: run `/estimate` first."
    )
    assert "tips, comparisons and offer checks don't count" in record.message.content


async def test_a_what_if_button_starts_from_its_own_answer_and_names_it(
    harness: Harness, dm_asker: Asker
) -> None:
    seattle = {"role": "mle", "years": 4, "location": "seattle"}
    older = await with_chart(await dm_asker.run("estimate", seattle))
    await dm_asker.run("estimate", {"role": "data scientist", "location": "berlin"})

    pressed = await harness.driver.press(dm_asker.user, older, "What if senior?")
    await pressed.wait_settled()
    answer = await with_chart(pressed)
    assert first_line(answer) == (
        "From your estimate for **Machine Learning Engineer · Mid · 4 years · Seattle, WA**: "
        "experience Mid · 4 years → Senior (6-10 years)."
    )
    assert answer.title == "Machine Learning Engineer · Senior (6-10 years) · Seattle, WA"
    assert change_from(answer) == median(older)

    # The button's answer is now the last estimate shown: /whatif builds on it.
    moved = (await dm_asker.run("whatif", {"location": "austin"})).message
    assert first_line(moved).startswith(
        "From your estimate for **Machine Learning Engineer · Senior (6-10 years) · Seattle, WA**"
    )


async def test_a_staff_title_names_the_senior_band_it_used(asker: Asker) -> None:
    options = {"role": "staff ml engineer", "years": 4, "location": "seattle"}
    staff = (await asker.run("estimate", options)).message
    assert staff.title == (
        "Machine Learning Engineer · Staff (Senior band) · 4 years · Seattle, WA"
    )
    assert "· senior ·" in staff.footer, "the band is the senior one"
    # A follow-up keeps what was said, and still names the band it used.
    moved = (await asker.run("whatif", {"location": "austin"})).message
    assert moved.title == ("Machine Learning Engineer · Staff (Senior band) · 4 years · Austin, TX")
    raised = (await asker.run("whatif", {"level": "principal"})).message
    assert first_line(raised).endswith(
        "experience Staff (Senior band) · 4 years → Principal / Executive (10+ years)."
    )
    senior = {"role": "mle", "level": "senior", "location": "seattle"}
    same = (await asker.run("estimate", senior)).message
    assert median(same) == median(staff)

    years_only = {"role": "mle", "years": 4, "location": "seattle"}
    mid = (await asker.run("estimate", years_only)).message
    assert mid.title == "Machine Learning Engineer · Mid · 4 years · Seattle, WA"
    assert "· mid ·" in mid.footer
