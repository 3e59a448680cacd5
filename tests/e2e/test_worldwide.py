"""An estimate abroad end to end: the country's own currency and an honest sample line."""

from __future__ import annotations

import re

from bot.local.harness import Harness
from bot.salary.currency import RATES
from tests.e2e.support import field, place_for, run, with_chart


async def test_zurich_is_answered_in_francs_with_what_its_band_rests_on(harness: Harness) -> None:
    user = harness.server.add_user("zora")
    place = await place_for(harness, user, "guild")
    record = await run(
        harness, user, place, "estimate", {"role": "mle", "years": 5, "location": "zurich"}
    )
    message = await with_chart(record)
    embed = message.embed
    assert embed["title"] == "Machine Learning Engineer · Mid · 5 years · Zurich, Switzerland"
    # Francs, not dollars: every amount in the band is CHF.
    band = field(message, "Base band")
    assert len(re.findall(r"CHF[0-9]", band)) == 5 and "$" not in band
    notes = field(message, "Notes")
    assert "No city pay figure for Zurich: the Switzerland band is used as is." in notes
    assert f"Converted at {RATES['CHF'].per_usd:g} CHF per USD" in notes
    # The sample names what it counts: developers surveyed in Switzerland, from the survey.
    sample = field(message, "Sample")
    assert re.fullmatch(
        r".*pay level from [0-9,]+ developers surveyed there \(Stack Overflow Developer Survey "
        r"2025\) · confidence (medium|high)",
        sample,
    ), sample
    assert "thin data" not in sample
