"""Filling in what a user left out: from their saved profile, then stated defaults.

A plain command never borrows from an earlier query: only `/whatif`, the answer buttons and
the history menu build on one, and they say so. Every filled field remembers where it came
from, so the answer can say so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.render.wording import word
from bot.render.words import N_, _
from bot.salary import fields
from bot.salary.query import SalaryQuery, known_items, parse_query
from bot.salary.said import Said
from bot.salary.typed_words import nearest_role_note
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
    # How something typed was read or left out, worded where the answer is shown.
    notes: list[Said] = field(default_factory=list)


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


def _known_lists(given: dict[str, Any]) -> tuple[dict[str, Any], list[Said]]:
    """Typed lists with what the data does not know taken out, and notes saying so."""
    kept = dict(given)
    notes: list[Said] = []
    for name in fields.LIST_FIELDS:
        if fields.is_given(given.get(name)):
            keys, left_out = known_items(name, given[name])
            # Nothing known was typed: the saved list is set aside all the same.
            kept[name] = keys or fields.ANY
            notes.extend(left_out)
    return kept, notes


# Where filled-in fields came from, by origin: "From your profile: location, skills."
FILLED_FROM = {PROFILE: N_("From your profile: {fields}."), DEFAULT: N_("Default: {fields}.")}


def describe_sources(filled: Filled) -> str | None:
    """One line such as "From your profile: location, skills. Default: role." or None, in
    the reader's words."""
    parts = [word(note) for note in filled.notes]
    for origin, line in FILLED_FROM.items():
        names = [_(fields.label(name)) for name, came in filled.sources.items() if came == origin]
        if names:
            parts.append(_(line, fields=", ".join(names)))
    return " ".join(parts) or None
