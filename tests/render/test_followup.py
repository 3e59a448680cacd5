"""The first line of a what-if: the answer it starts from, and each change from → to."""

from __future__ import annotations

from typing import Any

import pytest

from bot.render.followup import start_line
from bot.render.phrases import band_experience, describe_person
from bot.salary import fields
from bot.salary.query import parse_query

SEATTLE = {"role": "ml_engineer", "years": 4, "location": "seattle"}


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ({"years": 4}, "Mid · 4 years"),
        ({"years": 1}, "Entry · 1 year"),
        ({"level": "senior"}, "Senior (6-10 years)"),
        # The level given wins over the years, and the title says which band that is.
        ({"level": "senior", "years": 4}, "Senior · 4 years"),
        ({"role": "staff ml engineer", "years": 4}, "Staff (Senior band) · 4 years"),
        ({"role": "staff ml engineer"}, "Staff (Senior band)"),
        ({}, None),
    ],
)
def test_a_title_names_the_band_it_used(raw: dict[str, Any], shown: str | None) -> None:
    assert band_experience(parse_query(**raw)) == shown


def test_a_title_without_experience_leaves_it_out() -> None:
    assert describe_person(parse_query(role="mle", location="berlin")) == (
        "Machine Learning Engineer · Berlin, Germany"
    )


def after(changes: dict[str, Any], start: dict[str, Any] = SEATTLE) -> str:
    before = parse_query(**start)
    return start_line("it", before, parse_query(**fields.merge(start, changes)), changes)


@pytest.mark.parametrize(
    ("changes", "said"),
    [
        ({"location": "san jose"}, "location Seattle, WA → San Jose, CA"),
        ({"level": "principal"}, "experience Mid · 4 years → Principal / Executive (10+ years)"),
        ({"years": 7}, "experience Mid · 4 years → Senior · 7 years"),
        ({"location": "seattle"}, "location stays Seattle, WA"),
        # Unsaid, the currency was the place's own.
        ({"currency": "EUR"}, "currency USD → EUR"),
        ({"skills": "python"}, "skills any → Python"),
        (
            {"education": "phd", "location": "austin"},
            "location Seattle, WA → Austin, TX; education any → PhD / doctorate",
        ),
    ],
)
def test_a_whatif_says_what_it_changed_from_what(changes: dict[str, Any], said: str) -> None:
    assert after(changes) == f"From your estimate for **it**: {said}."


def test_clearing_a_field_says_any() -> None:
    start = {**SEATTLE, "skills": ["python"]}
    assert after({"skills": "any"}, start).endswith("skills Python → any.")
