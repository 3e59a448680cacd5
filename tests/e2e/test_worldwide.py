"""An estimate abroad end to end: the country's own currency and an honest sample line."""

from __future__ import annotations

import re

from bot.local.harness import Harness
from bot.salary.currency import RATES
from tests.e2e.support import newcomer, run, with_chart


async def test_zurich_is_answered_in_francs_with_what_its_band_rests_on(harness: Harness) -> None:
    user, place = await newcomer(harness, "zora", "guild")
    record = await run(
        harness, user, place, "estimate", {"role": "mle", "years": 5, "location": "zurich"}
    )
    message = await with_chart(record)
    assert message.title == "Machine Learning Engineer · Mid · 5 years · Zurich, Switzerland"
    # Francs, not dollars: every amount in the band is CHF.
    band = message.section("Base band")
    assert len(re.findall(r"CHF[0-9]", band)) == 5 and "$" not in band
    notes = message.section("Notes")
    assert "No city pay figure for Zurich: the Switzerland band is used as is." in notes
    assert f"Converted at {RATES['CHF'].per_usd:g} CHF per USD" in notes
    # The sample names what it counts: developers surveyed in Switzerland, from the survey.
    sample = message.section("Sample")
    assert re.fullmatch(
        r".*pay level from [0-9,]+ developers surveyed there \(Stack Overflow Developer Survey "
        r"2025\) · confidence (medium|high)",
        sample,
    ), sample
    assert "thin data" not in sample


async def test_an_offer_in_lagos_is_weighed_in_naira_on_a_band_marked_thin(
    harness: Harness,
) -> None:
    user, place = await newcomer(harness, "ada", "guild")
    options = {"base": "9M", "role": "mle", "years": 5, "location": "lagos"}
    message = await with_chart(await run(harness, user, place, "offer check", options))
    # Nine million naira is an offer (not "over 5 million"), weighed in naira.
    assert "The base NGN9M is **below P10**" in message.headline()
    assert "$" not in message.section("Base band")
    sample = message.section("Sample")
    assert "developers surveyed there, leaning on Sub-Saharan Africa" in sample
    assert "*thin data*" in sample and "Thin data for Nigeria" in sample


async def test_roles_in_shenzhen_count_what_their_bands_rest_on(harness: Harness) -> None:
    user, place = await newcomer(harness, "lin", "guild")
    options = {"role": "mle", "years": 5, "location": "shenzhen"}
    message = await with_chart(await run(harness, user, place, "compare roles", options))
    text = message.headline()
    assert " 0 postings" not in text and "few postings" not in text
    assert "postings, all countries" in text and "CN¥" in text
    assert "China's pay level from" in text and "developers surveyed there" in text
