"""Where a what-if starts: the newest entry that showed one person's band."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.flows.history import last_band_of, shown_as
from db.models import HistoryEntry

NOW = datetime(2026, 1, 1, tzinfo=UTC)


def entry(number: int, command: str, **headline: object) -> HistoryEntry:
    return HistoryEntry(
        id=number,
        user_id=1,
        query={"role": "ml_engineer", "years": 4, "location": "seattle"},
        headline={"command": command, **headline},
        created_at=NOW,
    )


def test_tips_comparisons_and_offers_are_passed_over() -> None:
    newest_first = [
        entry(6, "offer"),
        entry(5, "compare locations"),
        entry(4, "compare roles"),
        entry(3, "tips"),
        entry(2, "estimate"),
        entry(1, "estimate"),
    ]
    start = last_band_of(newest_first)
    assert start is not None and start.id == 2


def test_nothing_to_start_from_without_an_estimate() -> None:
    assert last_band_of([entry(2, "tips"), entry(1, "compare roles")]) is None
    assert last_band_of([]) is None


def test_an_answer_is_named_by_the_title_it_was_shown_with() -> None:
    assert shown_as(entry(1, "estimate", title="Staff (Senior band) title")) == (
        "Staff (Senior band) title"
    )
    # Entries stored before titles were kept are named from their query.
    assert (
        shown_as(entry(1, "estimate")) == "Machine Learning Engineer · Mid · 4 years · Seattle, WA"
    )
