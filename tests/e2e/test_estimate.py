"""/estimate and /whatif end to end: in a server and in a DM, through the emulator."""

from __future__ import annotations

import json
import re

from bot.local.harness import Harness
from tests.e2e.support import (
    MONEY,
    PNG,
    Asker,
    amounts,
    expects_private_in_guild,
    no_mentions,
    run,
    with_chart,
    written,
)

# ----------------------------------------------------------------- /estimate


async def test_estimate_answers_with_band_pay_parts_factors_sample_and_chart(asker: Asker) -> None:
    record = await asker.run(
        "estimate",
        {"role": "mle", "years": 4, "location": "seattle", "skills": "python, pytorch"},
    )
    # The answer comes first; the chart and buttons follow in one edit.
    message = await with_chart(record)
    expects_private_in_guild(asker.where, message)
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


async def test_estimate_fills_in_from_the_profile_and_says_so(asker: Asker) -> None:
    await asker.run(
        "profile set",
        {"role": "data scientist", "years": 6, "location": "berlin", "skills": "python"},
    )
    record = await asker.run("estimate", {"industry": "finance"})
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


async def test_estimate_never_borrows_from_the_last_query(asker: Asker) -> None:
    first = {
        "role": "mle",
        "years": 4,
        "location": "seattle",
        "company": "big_tech",
        "education": "phd",
    }
    await asker.run("estimate", first)
    second = {"role": "data analyst", "years": 2, "location": "Chicago"}
    record = await asker.run("estimate", second)
    message = record.message
    assert message.title.startswith("Data Analyst · Entry · 2 years · Chicago")
    text = json.dumps(message.payload["components"])
    assert "last query" not in text
    assert "PhD" not in text and "Big tech" not in text


async def test_estimate_with_nothing_known_says_what_it_assumed(asker: Asker) -> None:
    record = await asker.run("estimate")
    message = record.message
    assert message.title.startswith("Machine Learning Engineer")
    assert "Default: role, location." in message.section("Notes")


# ----------------------------------------------------------------- /whatif


async def test_whatif_shows_the_change_against_the_last_query(asker: Asker) -> None:
    first = await asker.run("estimate", {"role": "mle", "years": 3, "location": "austin"})
    before = amounts(first.message.section("Base band"))[2]
    record = await asker.run("whatif", {"location": "san francisco"})
    message = record.message
    expects_private_in_guild(asker.where, message)
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
    again = await asker.run("whatif", {"level": "senior"})
    value = again.message.section("What if")
    assert again.message.headings()[1] == "What if: level"
    assert amounts(value.split(": ", 1)[1])[0] == now
    assert "Senior" in again.message.title and "3 years" not in again.message.title


async def test_whatif_without_a_last_query_says_to_estimate_first(asker: Asker) -> None:
    record = await asker.run("whatif", {"location": "london"})
    assert record.message.ephemeral
    assert "run `/estimate` first" in record.message.content
    assert not record.message.components_v2, "an error is plain text"

    await asker.run("estimate", {"role": "mle"})
    empty = await asker.run("whatif")
    assert empty.message.ephemeral and "Tell me what to change" in empty.message.content


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
