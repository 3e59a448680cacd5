"""Wording of the answers that is easy to get wrong: counts, singulars, what was deleted."""

from __future__ import annotations

from bot.render.embeds import count, deleted_text


def test_counts_are_singular_for_one() -> None:
    assert count(1, "posting") == "1 posting"
    assert count(1234, "posting") == "1,234 postings"
    assert count(0, "year") == "0 years"


def test_deleted_text_names_what_went() -> None:
    assert deleted_text({"profiles": 1, "history": 3}) == (
        "Deleted everything stored about you (1 profile, 3 saved queries)."
    )
    assert deleted_text({"profiles": 0, "history": 1}) == (
        "Deleted everything stored about you (1 saved query)."
    )
    assert deleted_text({"profiles": 0, "history": 0}).startswith("Nothing was stored")
