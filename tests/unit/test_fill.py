"""Filling in what was left out, as a pure function: one row per rule."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from bot.fill import DEFAULT, LAST_QUERY, PROFILE, YOU, describe_sources, fill_query
from bot.salary.errors import QueryError
from db.models import HistoryEntry, Profile

NOW = datetime(2026, 1, 1, tzinfo=UTC)


def saved(**fields: Any) -> Profile:
    return Profile(user_id=1, created_at=NOW, updated_at=NOW, **fields)


def last(**query: Any) -> HistoryEntry:
    return HistoryEntry(id=1, user_id=1, query=query, headline={}, created_at=NOW)


# given, profile, last query -> expected values, expected sources
CASES: list[
    tuple[dict[str, Any], Profile | None, HistoryEntry | None, dict[str, Any], dict[str, str]]
] = [
    # Nothing known: the stated defaults.
    (
        {},
        None,
        None,
        {"role": "ml_engineer", "location": "US"},
        {"role": DEFAULT, "location": DEFAULT},
    ),
    # Typed beats saved beats the last query.
    (
        {"role": "data scientist"},
        saved(role="ml_engineer", location="seattle"),
        last(role="research_scientist", location="US", industry="finance"),
        {"role": "data_scientist", "location": "us-seattle", "industry": "finance"},
        {"role": YOU, "location": PROFILE, "industry": LAST_QUERY},
    ),
    # Years and level are one fact: typed years drop a saved level.
    (
        {"years": 3},
        saved(level="senior"),
        None,
        {"years": 3, "level": None},
        {"years": YOU},
    ),
    # A saved level drops years from the last query.
    (
        {},
        saved(level="principal"),
        last(years=2),
        {"years": None, "level": "principal"},
        {"level": PROFILE},
    ),
    # Lists: a typed list replaces the saved one.
    (
        {"skills": "sql"},
        saved(skills=("python", "pytorch")),
        None,
        {"skills": ("sql",)},
        {"skills": YOU},
    ),
    # The year is never saved in a profile, only carried by queries.
    ({}, None, last(year=2024), {"year": 2024}, {"year": LAST_QUERY}),
]


@pytest.mark.parametrize(("given", "profile", "previous", "values", "sources"), CASES)
def test_fill_rules(
    given: dict[str, Any],
    profile: Profile | None,
    previous: HistoryEntry | None,
    values: dict[str, Any],
    sources: dict[str, str],
) -> None:
    filled = fill_query(given, profile, previous)
    for name, value in values.items():
        assert getattr(filled.query, name) == value, name
    for name, origin in sources.items():
        assert filled.sources[name] == origin, name
    assert set(filled.sources) >= set(sources)
    assert not {name for name, value in values.items() if value is None} & set(filled.sources)


def test_without_defaults_nothing_is_assumed() -> None:
    filled = fill_query({}, None, None, use_defaults=False)
    assert filled.query.role is None and filled.query.location is None
    assert filled.sources == {}


def test_bad_saved_value_is_a_query_error() -> None:
    with pytest.raises(QueryError):
        fill_query({"role": "astronaut"}, None, None)


def test_sources_are_described_in_one_line() -> None:
    filled = fill_query({"years": 4}, saved(location="seattle", skills=("python",)), None)
    assert describe_sources(filled) == "From your profile: location, skills. Default: role."


def test_nearest_role_is_noted() -> None:
    filled = fill_query({"role": "devops engineer"}, None, None)
    note = describe_sources(filled)
    assert note is not None and "devops engineer" in note and "nearest" in note
