"""Filling in what a user left out: from their profile, then their last query, then defaults.

Every filled field remembers where it came from, so the answer can say so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.salary.query import SalaryQuery, parse_query
from bot.salary.taxonomy import nearest_role_note
from db.models import HistoryEntry, Profile

YOU, PROFILE, LAST_QUERY, DEFAULT = "you", "your profile", "your last query", "default"

# Fields a profile can hold; the year comes from the command or the last query.
PROFILE_FIELDS = (
    "role",
    "location",
    "industry",
    "education",
    "certifications",
    "skills",
    "company_type",
    "currency",
    "remote",
)
QUERY_FIELDS = (*PROFILE_FIELDS, "year")
EXPERIENCE = ("years", "level")

# What an estimate assumes when nobody said: the bot's focus and the best-covered market.
DEFAULTS: dict[str, Any] = {"role": "ml_engineer", "location": "US"}


@dataclass
class Filled:
    query: SalaryQuery
    sources: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def filled_from(self, *origins: str) -> dict[str, str]:
        return {name: origin for name, origin in self.sources.items() if origin in origins}


def _present(value: Any) -> bool:
    return value is not None and value != [] and value != () and value != ""


def fill_query(
    given: dict[str, Any],
    profile: Profile | None,
    last: HistoryEntry | None,
    *,
    use_defaults: bool = True,
) -> Filled:
    """Merge the command's options with what is known; raises QueryError for bad input."""
    raw: dict[str, Any] = {}
    sources: dict[str, str] = {}
    saved = profile.model_dump() if profile is not None else {}
    previous = last.query if last is not None else {}

    # Years and level are one fact: take them together from the first place that has either.
    for origin, values in ((YOU, given), (PROFILE, saved), (LAST_QUERY, previous)):
        if any(_present(values.get(name)) for name in EXPERIENCE):
            for name in EXPERIENCE:
                if _present(values.get(name)):
                    raw[name] = values[name]
                    sources[name] = origin
            break

    for name in QUERY_FIELDS:
        for origin, values in ((YOU, given), (PROFILE, saved), (LAST_QUERY, previous)):
            if origin == PROFILE and name not in PROFILE_FIELDS:
                continue
            if _present(values.get(name)):
                raw[name] = values[name]
                sources[name] = origin
                break
        else:
            if use_defaults and name in DEFAULTS:
                raw[name] = DEFAULTS[name]
                sources[name] = DEFAULT
    query = parse_query(**raw)
    notes = []
    if isinstance(raw.get("role"), str) and (note := nearest_role_note(raw["role"])):
        notes.append(note)
    return Filled(query, sources, notes)


def describe_sources(filled: Filled, labels: dict[str, str]) -> str | None:
    """One line such as "From your profile: location, skills. Default: role." or None."""
    parts = list(filled.notes)
    for origin in (PROFILE, LAST_QUERY, DEFAULT):
        names = [labels.get(name, name) for name, came in filled.sources.items() if came == origin]
        if names:
            title = "Default" if origin == DEFAULT else f"From {origin}"
            parts.append(f"{title}: {', '.join(names)}.")
    return " ".join(parts) or None
