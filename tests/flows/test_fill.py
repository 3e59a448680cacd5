"""Filling in what was left out, as a pure function: one row per rule."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from bot.flows.fill import DEFAULT, PROFILE, YOU, describe_sources, fill_query
from bot.salary.errors import QueryError
from db.models import Profile

NOW = datetime(2026, 1, 1, tzinfo=UTC)


def saved(**fields: Any) -> Profile:
    return Profile(user_id=1, created_at=NOW, updated_at=NOW, **fields)


# given, profile -> expected values, expected sources
CASES: list[tuple[dict[str, Any], Profile | None, dict[str, Any], dict[str, str]]] = [
    # Nothing known: the stated defaults.
    (
        {},
        None,
        {"role": "ml_engineer", "location": "US"},
        {"role": DEFAULT, "location": DEFAULT},
    ),
    # Typed beats saved.
    (
        {"role": "data scientist"},
        saved(role="ml_engineer", location="seattle"),
        {"role": "data_scientist", "location": "us-seattle"},
        {"role": YOU, "location": PROFILE},
    ),
    # Years and level are one fact: typed years drop a saved level.
    ({"years": 3}, saved(level="senior"), {"years": 3, "level": None}, {"years": YOU}),
    # A saved level is used as it is.
    ({}, saved(level="principal"), {"years": None, "level": "principal"}, {"level": PROFILE}),
    # Lists: a typed list replaces the saved one.
    ({"skills": "sql"}, saved(skills=("python", "pytorch")), {"skills": ("sql",)}, {"skills": YOU}),
    # "any" sets a saved value aside for this question.
    (
        {"industry": "any", "level": "any"},
        saved(industry="finance", level="senior", location="seattle"),
        {"industry": None, "level": None, "years": None, "location": "us-seattle"},
        {"location": PROFILE},
    ),
    # Currency is only what was typed or saved; the answer's currency follows the place.
    ({"location": "toronto"}, None, {"currency": None, "answer_currency": "CAD"}, {}),
    (
        {"location": "toronto"},
        saved(currency="USD"),
        {"answer_currency": "USD"},
        {"currency": PROFILE},
    ),
    (
        {"location": "berlin", "currency": "GBP"},
        None,
        {"answer_currency": "GBP"},
        {"currency": YOU},
    ),
]


@pytest.mark.parametrize(("given", "profile", "values", "sources"), CASES)
def test_fill_rules(
    given: dict[str, Any], profile: Profile | None, values: dict[str, Any], sources: dict[str, str]
) -> None:
    filled = fill_query(given, profile)
    for name, value in values.items():
        assert getattr(filled.query, name) == value, name
    for name, origin in sources.items():
        assert filled.sources[name] == origin, name
    assert set(filled.sources) >= set(sources)
    assert not {name for name, value in values.items() if value is None} & set(filled.sources)


def test_without_defaults_nothing_is_assumed() -> None:
    filled = fill_query({}, None, use_defaults=False)
    assert filled.query.role is None and filled.query.location is None
    assert filled.sources == {}


def test_bad_saved_value_is_a_query_error() -> None:
    with pytest.raises(QueryError):
        fill_query({"role": "astronaut"}, None)


def test_sources_are_described_in_one_line() -> None:
    filled = fill_query({"years": 4}, saved(location="seattle", skills=("python",)))
    assert describe_sources(filled) == "From your profile: location, skills. Default: role."


def test_nearest_role_is_noted() -> None:
    filled = fill_query({"role": "devops engineer"}, None)
    note = describe_sources(filled)
    assert note is not None and "devops engineer" in note and "nearest" in note


def test_nothing_of_the_last_query_is_borrowed() -> None:
    """A plain command takes only what was typed and saved (the last query is not an input)."""
    filled = fill_query({"role": "data analyst", "years": 2, "location": "Chicago"}, None)
    assert filled.query.education is None and filled.query.company_type is None
    assert set(filled.sources) == {"role", "years", "location"}
