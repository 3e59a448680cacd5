"""Wording of the answers that is easy to get wrong: counts, singulars, what was deleted."""

from __future__ import annotations

from bot.render.account import deleted_text
from bot.render.phrases import count, lines_within


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


def test_lines_within_keeps_whole_lines_and_clips_only_a_first_line_too_long() -> None:
    assert lines_within(["a" * 10, "b" * 10, "c" * 10], limit=25) == "a" * 10 + "\n" + "b" * 10
    clipped = lines_within(["x" * 50, "short"], limit=20)
    assert clipped == "x" * 19 + "…"
    assert lines_within([]) == "—"
