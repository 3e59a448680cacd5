"""/estimate, /whatif, /compare and /tips end to end: in a server and in a DM, through the emulator."""

from __future__ import annotations

import gc
import json
import re

import pytest

from bot.emulator.records import StoredMessage
from bot.emulator.server import EmulatedUser
from bot.local.harness import Harness
from bot.ui.answers import EstimateView
from bot.ui.history import HistoryView
from tests.e2e.support import (
    WHERE,
    bot_of,
    expects_private_in_guild,
    no_mentions,
    place_for,
    run,
    with_chart,
    written,
)

PNG = b"\x89PNG\r\n\x1a\n"
MONEY = r"\$[0-9][0-9,.]*[kK]?"


def amounts(text: str) -> list[float]:
    """ "$143k · $171k" -> [143000, 171000]."""
    out = []
    for number, thousands in re.findall(r"\$([0-9][0-9,.]*)([kK]?)", text):
        out.append(float(number.replace(",", "")) * (1000 if thousands else 1))
    return out


# ----------------------------------------------------------------- /estimate


@pytest.mark.parametrize("where", WHERE)
async def test_estimate_answers_with_band_pay_parts_factors_sample_and_chart(
    harness: Harness, where: str
) -> None:
    user = harness.server.add_user("ada")
    place = await place_for(harness, user, where)
    record = await run(
        harness,
        user,
        place,
        "estimate",
        {"role": "mle", "years": 4, "location": "seattle", "skills": "python, pytorch"},
    )
    # The answer comes first; the chart and buttons follow in one edit.
    message = await with_chart(record)
    expects_private_in_guild(where, message)
    assert message.components_v2 and not message.content and not message.embeds
    assert message.title == "Machine Learning Engineer · Mid · 4 years · Seattle, WA"
    top = message.section("Machine Learning Engineer")
    headline = re.search(
        rf"\*\*({MONEY})\*\* median, typically \*\*({MONEY}) – ({MONEY})\*\* \(P25–P75\)", top
    )
    assert headline, top
    median, p25, p75 = amounts(" ".join(headline.groups()))

    band = message.section("Base band")
    assert [q for q in re.findall(r"P(\d+)", band)] == ["10", "25", "50", "75", "90"]
    p10_to_p90 = amounts(band)
    assert p10_to_p90 == sorted(p10_to_p90) and len(set(p10_to_p90)) == 5
    assert p10_to_p90[1:4] == [p25, median, p75]

    for name in ("Bonus", "Equity"):
        low, high = amounts(message.section(name))
        assert 0 < low <= high
    total = amounts(message.section("Total"))
    assert total[0] > median and total[1] <= total[0] <= total[2]

    factors = message.section("What moved it").splitlines()
    assert any("Seattle" in line and "BLS" in line for line in factors)
    # Each factor names its source and says what kind of source it is.
    assert all(re.search(r" — .+ \[(data|article \(2023\)|assumption)\]$", f) for f in factors)
    assert re.fullmatch(
        r"[0-9,]+ postings in United States · confidence \w+", message.section("Sample")
    )
    assert "data to " in message.card_lines()[-1], "the band's origin closes the card"
    # Each button sits where it acts: one level up beside the headline, tips beside what
    # moved the band, the rest under the whole answer.
    assert [b["label"] for b in message.buttons()] == [
        "What if senior?",
        "Tips for me",
        "Compare roles",
        "Save as my profile",
        "Check an offer",
    ]

    charted = await with_chart(record)
    assert charted.id == message.id, "the chart is added to the same answer"
    chart = charted.files[0]
    assert chart.filename == "band.png" and chart.data.startswith(PNG)
    assert len(chart.data) < 200_000
    assert charted.media() == ["attachment://band.png"], "the chart sits inside the card"
    assert charted.buttons(), "the edit that adds the chart keeps the buttons"
    no_mentions(charted)


@pytest.mark.parametrize("where", WHERE)
async def test_estimate_fills_in_from_the_profile_and_says_so(harness: Harness, where: str) -> None:
    user = harness.server.add_user("grace")
    place = await place_for(harness, user, where)
    await run(
        harness,
        user,
        place,
        "profile set",
        {"role": "data scientist", "years": 6, "location": "berlin", "skills": "python"},
    )
    record = await run(harness, user, place, "estimate", {"industry": "finance"})
    message = record.message
    # The city typed is kept in the title; its country band is used (and a note says so).
    assert message.title == "Data Scientist · Senior · 6 years · Berlin, Germany"
    notes = message.section("Notes")
    sources = re.search(r"From your profile: ([^.]+)\.", notes)
    assert sources, notes
    assert set(sources.group(1).split(", ")) == {"years", "role", "location", "skills"}
    filled_line = notes.splitlines()[0]
    assert "industry" not in filled_line, "what the user typed is not a fill-in"
    assert "Default" not in filled_line


@pytest.mark.parametrize("where", WHERE)
async def test_estimate_never_borrows_from_the_last_query(harness: Harness, where: str) -> None:
    user = harness.server.add_user("linus")
    place = await place_for(harness, user, where)
    first = {
        "role": "mle",
        "years": 4,
        "location": "seattle",
        "company": "big_tech",
        "education": "phd",
    }
    await run(harness, user, place, "estimate", first)
    second = {"role": "data analyst", "years": 2, "location": "Chicago"}
    record = await run(harness, user, place, "estimate", second)
    message = record.message
    assert message.title.startswith("Data Analyst · Entry · 2 years · Chicago")
    text = json.dumps(message.payload["components"])
    assert "last query" not in text
    assert "PhD" not in text and "Big tech" not in text


@pytest.mark.parametrize("where", WHERE)
async def test_estimate_with_nothing_known_says_what_it_assumed(
    harness: Harness, where: str
) -> None:
    user = harness.server.add_user("new")
    place = await place_for(harness, user, where)
    record = await run(harness, user, place, "estimate")
    message = record.message
    assert message.title.startswith("Machine Learning Engineer")
    assert "Default: role, location." in message.section("Notes")


# ----------------------------------------------------------------- /whatif


@pytest.mark.parametrize("where", WHERE)
async def test_whatif_shows_the_change_against_the_last_query(harness: Harness, where: str) -> None:
    user = harness.server.add_user("hopper")
    place = await place_for(harness, user, where)
    first = await run(
        harness, user, place, "estimate", {"role": "mle", "years": 3, "location": "austin"}
    )
    before = amounts(first.message.section("Base band"))[2]
    record = await run(harness, user, place, "whatif", {"location": "san francisco"})
    message = record.message
    expects_private_in_guild(where, message)
    assert message.title == "Machine Learning Engineer · Mid · 3 years · San Francisco, CA"
    assert message.headings()[1] == "What if: location", "the change comes right under the title"
    change = re.fullmatch(
        rf"([+−])({MONEY}) \(([+−])\d+%\) median base: ({MONEY}) → ({MONEY})",
        message.section("What if"),
    )
    assert change, message.section("What if")
    was, now = amounts(change.group(4) + " " + change.group(5))
    assert was == before
    assert change.group(1) == "+" and now > was, "San Francisco pays more than Austin"
    assert now == amounts(message.section("Base band"))[2]
    await with_chart(record)

    # The what-if becomes the last query: a second one starts from San Francisco.
    again = await run(harness, user, place, "whatif", {"level": "senior"})
    value = again.message.section("What if")
    assert again.message.headings()[1] == "What if: level"
    assert amounts(value.split(": ", 1)[1])[0] == now
    assert "Senior" in again.message.title and "3 years" not in again.message.title


@pytest.mark.parametrize("where", WHERE)
async def test_whatif_without_a_last_query_says_to_estimate_first(
    harness: Harness, where: str
) -> None:
    user = harness.server.add_user("fresh")
    place = await place_for(harness, user, where)
    record = await run(harness, user, place, "whatif", {"location": "london"})
    assert record.message.ephemeral
    assert "run `/estimate` first" in record.message.content
    assert not record.message.components_v2, "an error is plain text"

    await run(harness, user, place, "estimate", {"role": "mle"})
    empty = await run(harness, user, place, "whatif")
    assert empty.message.ephemeral and "Tell me what to change" in empty.message.content


# ----------------------------------------------------------------- /compare


@pytest.mark.parametrize("where", WHERE)
async def test_compare_roles_ranks_roles_and_marks_the_users(harness: Harness, where: str) -> None:
    user = harness.server.add_user("turing")
    place = await place_for(harness, user, where)
    record = await run(
        harness, user, place, "compare roles", {"role": "data scientist", "location": "US"}
    )
    message = record.message
    expects_private_in_guild(where, message)
    assert message.title == "Roles compared · United States"
    lines = [line for line in message.section("Roles compared").splitlines() if line[0] == "`"]
    assert len(lines) >= 5
    ranks = [int(re.match(r"` *(\d+)`", line).group(1)) for line in lines]  # type: ignore[union-attr]
    assert ranks == list(range(1, len(lines) + 1))
    medians = [amounts(line)[0] for line in lines]
    assert medians == sorted(medians, reverse=True), "ranked by median base"
    marked = [line for line in lines if line.endswith("◀ you")]
    assert len(marked) == 1 and "**Data Scientist**" in marked[0]
    assert "aijobs.net" in message.card_lines()[-1]
    charted = await with_chart(record)
    assert charted.files[0].data.startswith(PNG)


@pytest.mark.parametrize("where", WHERE)
async def test_compare_locations_shows_purchasing_power_where_an_index_exists(
    harness: Harness, where: str
) -> None:
    user = harness.server.add_user("lovelace")
    place = await place_for(harness, user, where)
    record = await run(
        harness,
        user,
        place,
        "compare locations",
        {"places": "seattle, austin, germany", "role": "mle", "years": 5},
    )
    message = record.message
    expects_private_in_guild(where, message)
    assert message.title == "Places compared · Machine Learning Engineer"
    rows = {
        re.match(r"\*\*(.+?)\*\*", line).group(1): line  # type: ignore[union-attr]
        for line in message.section("Places compared").splitlines()
    }
    assert list(rows) == ["Seattle, WA", "Austin, TX", "Germany"]
    assert "in purchasing power" in rows["Seattle, WA"]
    assert "in purchasing power" in rows["Austin, TX"]
    assert "purchasing power" not in rows["Germany"], "no comparable index outside the US"
    assert "BEA" in message.section("Notes")
    await with_chart(record)


@pytest.mark.parametrize("where", WHERE)
async def test_compare_locations_refuses_too_many_or_unknown_places(
    harness: Harness, where: str
) -> None:
    user = harness.server.add_user("many")
    place = await place_for(harness, user, where)
    many = ", ".join(["seattle", "austin", "boston", "denver", "london", "berlin", "paris"] * 2)
    record = await run(harness, user, place, "compare locations", {"places": many})
    assert record.message.ephemeral and "Compare at most" in record.message.content
    unknown = await run(harness, user, place, "compare locations", {"places": "seatle, austin"})
    assert unknown.message.ephemeral
    assert "did you mean Seattle, WA" in unknown.message.content
    commas = await run(harness, user, place, "compare locations", {"places": " , ,"})
    assert commas.message.ephemeral and "at least one place" in commas.message.content


# ----------------------------------------------------------------- /tips


@pytest.mark.parametrize("where", WHERE)
async def test_tips_rank_deltas_advise_and_skip_what_the_profile_has(
    harness: Harness, where: str
) -> None:
    user = harness.server.add_user("knuth")
    place = await place_for(harness, user, where)
    await run(
        harness,
        user,
        place,
        "profile set",
        {"role": "mle", "years": 4, "location": "US", "education": "phd", "skills": "go, python"},
    )
    record = await run(harness, user, place, "tips")
    message = record.message
    expects_private_in_guild(where, message)
    moves = message.section("Moves you can make").splitlines()
    linked = message.section("Linked to higher pay").splitlines()
    # Each group is ranked by money; the survey group ends with its caveat in small print.
    for group in (moves, [line for line in linked if line.startswith("`")]):
        assert group
        deltas = [amounts(line.split("**:", 1)[1])[0] for line in group]
        signs = [line.split("**: ", 1)[1][0] for line in group]
        assert all(sign == "+" for sign in signs)
        assert deltas == sorted(deltas, reverse=True), "ranked by money"
    assert len(moves) + len(linked) >= 3
    assert any("association" in line for line in linked)
    text = "\n".join([*moves, *linked])
    assert "PhD" not in text and "Knowing Go" not in text and "Knowing Python" not in text
    advice = message.section("Negotiating")
    for topic in ("bonus", "equity", "Competing offers", "Time it", "remote"):
        assert topic.lower() in advice.lower(), topic
    assert "From your profile" in message.section("Notes")


# ----------------------------------------------------------------- buttons


async def _public_estimate(
    harness: Harness, where: str, name: str
) -> tuple[EmulatedUser, StoredMessage]:
    """An answer everyone in the channel sees, so others can press its buttons too."""
    user = harness.server.add_user(name)
    place = await place_for(harness, user, where)
    record = await run(
        harness,
        user,
        place,
        "estimate",
        {"role": "data scientist", "years": 3, "location": "US", "public": True},
    )
    return user, await with_chart(record)


@pytest.mark.parametrize("where", WHERE)
async def test_what_if_button_raises_the_level_and_shows_the_change(
    harness: Harness, where: str
) -> None:
    user, message = await _public_estimate(harness, where, "up")
    assert not message.ephemeral
    pressed = await harness.driver.press(user, message, "What if senior?")
    await pressed.wait_settled()
    answer = await with_chart(pressed)
    assert answer.id != message.id, "a new answer, the first one stays"
    assert not answer.ephemeral, "as public as the answer the button was on"
    assert answer.title == "Data Scientist · Senior (6-10 years) · United States"
    assert answer.headings()[1] == "What if: level"
    assert answer.section("What if").startswith("+")
    assert answer.buttons()[0]["label"] == "What if principal?"
    await with_chart(pressed)
    no_mentions(pressed.message)


@pytest.mark.parametrize("where", WHERE)
async def test_compare_and_tips_buttons_answer_for_the_same_person(
    harness: Harness, where: str
) -> None:
    user, message = await _public_estimate(harness, where, "buttons")
    roles = await harness.driver.press(user, message, "Compare roles")
    await roles.wait_settled()
    assert roles.message.title == "Roles compared · United States"
    assert "**Data Scientist**" in next(
        line for line in roles.message.section("Roles compared").splitlines() if "◀ you" in line
    )
    await with_chart(roles)
    tips = await harness.driver.press(user, message, "Tips for me")
    await tips.wait_settled()
    assert tips.message.title == "Raising your pay · Data Scientist · Mid · 3 years · United States"
    assert tips.message.section("Negotiating")


@pytest.mark.parametrize("where", WHERE)
async def test_save_button_stores_the_answer_as_the_profile(harness: Harness, where: str) -> None:
    user, message = await _public_estimate(harness, where, "saver")
    pressed = await harness.driver.press(user, message, "Save as my profile")
    await pressed.wait_settled()
    assert pressed.message.ephemeral and "Saved as your profile" in pressed.message.content
    profile = await bot_of(harness).store.profiles.get(user.id)
    assert profile is not None
    assert (profile.role, profile.years, profile.location) == ("data_scientist", 3, "US")


async def test_buttons_belong_to_the_asker(harness: Harness) -> None:
    _, message = await _public_estimate(harness, "guild", "owner")
    stranger = harness.server.add_user("stranger")
    for label in ("What if senior?", "Compare roles", "Tips for me", "Save as my profile"):
        pressed = await harness.driver.press(stranger, message, label)
        await pressed.wait_settled()
        assert pressed.message.ephemeral, label
        assert "someone else's answer" in pressed.message.content, label
    assert await bot_of(harness).store.profiles.get(stranger.id) is None
    assert await bot_of(harness).store.history.last(stranger.id) is None


@pytest.mark.parametrize("where", WHERE)
async def test_button_of_a_deleted_answer_gets_a_friendly_stale_message(
    harness: Harness, where: str
) -> None:
    user, message = await _public_estimate(harness, where, "stale")
    await (await written(harness, user.id)).delete_user(user.id)
    for label in ("Compare roles", "Save as my profile"):
        pressed = await harness.driver.press(user, message, label)
        await pressed.wait_settled()
        assert pressed.message.ephemeral
        assert "no longer stored" in pressed.message.content
        assert "Run the command again" in pressed.message.content
    assert await bot_of(harness).store.profiles.get(user.id) is None


@pytest.mark.parametrize("where", WHERE)
async def test_answer_buttons_hold_nothing_in_memory_and_keep_working(
    harness: Harness, where: str
) -> None:
    user = harness.server.add_user("slowpoke")
    place = await place_for(harness, user, where)
    message = await with_chart(await run(harness, user, place, "estimate", {"role": "mle"}))
    listed = await run(harness, user, place, "history")
    # Their custom ids carry all they need: no view object outlives the answers.
    gc.collect()
    assert not [o for o in gc.get_objects() if isinstance(o, EstimateView | HistoryView)]
    assert not any(b.get("disabled") for b in message.buttons())
    assert not listed.message.selects()[0].get("disabled")
    compared = await harness.driver.press(user, message, "Compare roles")
    await compared.wait_settled()
    assert compared.message.title.startswith("Roles compared")


async def test_buttons_on_a_private_answer_answer_privately(harness: Harness) -> None:
    user = harness.server.add_user("private")
    place = await place_for(harness, user, "guild")
    message = await with_chart(await run(harness, user, place, "estimate", {"role": "mle"}))
    assert message.ephemeral
    for label in ("Tips for me", "What if senior?"):
        pressed = await harness.driver.press(user, message, label)
        await pressed.wait_settled()
        assert pressed.message.ephemeral, label
        assert pressed.message.components_v2, label
    await with_chart(pressed)


async def test_a_title_outside_the_data_is_estimated_as_the_nearest_role(harness: Harness) -> None:
    user = harness.server.add_user("ops")
    record = await run(
        harness, user, harness.server.dm(user), "estimate", {"role": "DevOps Engineer"}
    )
    message = record.message
    assert message.title.startswith("Software Engineer")
    assert "'DevOps Engineer' is not a role in the data: estimated as Software Engineer" in (
        message.section("Notes")
    )


async def test_tips_and_comparisons_are_remembered_but_a_whatif_changes_an_estimate(
    harness: Harness,
) -> None:
    user = harness.server.add_user("follower")
    place = harness.server.dm(user)
    await run(harness, user, place, "tips", {"role": "data scientist", "location": "berlin"})
    # The query is recorded just after the answer goes out.
    history = (await written(harness, user.id)).history
    entries = await history.recent(user.id)
    assert [entry.headline["command"] for entry in entries] == ["tips"]
    record = await run(harness, user, place, "whatif", {"years": 7})
    assert record.message.ephemeral and "no estimate of yours to change" in record.message.content
    await run(harness, user, place, "estimate", {"role": "data scientist", "location": "berlin"})
    record = await run(harness, user, place, "whatif", {"years": 7})
    assert record.message.title == "Data Scientist · Senior · 7 years · Berlin, Germany"
