"""Filling in what a user left out: from their saved profile, then stated defaults.

A plain command never borrows from an earlier query: only `/whatif`, the answer buttons and
the history menu build on one, and they say so. Every filled field remembers where it came
from, so the answer can say so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.salary import fields
from bot.salary.query import SalaryQuery, known_items, parse_query
from bot.salary.taxonomy import nearest_role_note
from db.models import Profile

YOU, PROFILE, DEFAULT = "you", "your profile", "default"

# The year is asked per query, never saved in a profile.
QUERY_FIELDS = (*fields.FIELD_NAMES, "year")

# What an estimate assumes when nobody said: the bot's focus and the best-covered market.
DEFAULTS: dict[str, Any] = {"role": "ml_engineer", "location": "US"}


@dataclass
class Filled:
    query: SalaryQuery
    sources: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def fill_query(
    given: dict[str, Any], profile: Profile | None, *, use_defaults: bool = True
) -> Filled:
    """Merge the command's options with the saved profile; raises QueryError for bad input."""
    saved = profile.model_dump(include=set(fields.FIELD_NAMES)) if profile is not None else {}
    given, notes = _known_lists(given)
    layers = ((PROFILE, saved), (YOU, given))
    raw: dict[str, Any] = {}
    origin_of: dict[str, str] = {}
    # Lowest first, so each layer overrides what it says (years and level as one fact).
    for origin, values in layers:
        said = {name: values.get(name) for name in QUERY_FIELDS}
        raw = {k: v for k, v in fields.merge(raw, said).items() if fields.is_given(v)}
        origin_of.update({name: origin for name, value in said.items() if fields.is_given(value)})
    sources = {name: origin_of[name] for name in QUERY_FIELDS if name in raw}
    if use_defaults:
        for name, value in DEFAULTS.items():
            if name not in raw:
                raw[name] = value
                sources[name] = DEFAULT
    query = parse_query(**raw)
    if isinstance(raw.get("role"), str) and (note := nearest_role_note(raw["role"])):
        notes.append(note)
    return Filled(query, sources, notes)


def _known_lists(given: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """Typed lists with what the data does not know taken out, and notes saying so."""
    kept = dict(given)
    notes: list[str] = []
    for name in fields.LIST_FIELDS:
        if fields.is_given(given.get(name)):
            keys, left_out = known_items(name, given[name])
            # Nothing known was typed: the saved list is set aside all the same.
            kept[name] = keys or fields.ANY
            notes.extend(left_out)
    return kept, notes


def describe_sources(filled: Filled) -> str | None:
    """One line such as "From your profile: location, skills. Default: role." or None."""
    parts = list(filled.notes)
    for origin in (PROFILE, DEFAULT):
        names = [fields.label(name) for name, came in filled.sources.items() if came == origin]
        if names:
            title = "Default" if origin == DEFAULT else f"From {origin}"
            parts.append(f"{title}: {', '.join(names)}.")
    return " ".join(parts) or None
