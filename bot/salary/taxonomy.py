"""Keys, labels and aliases for everything a query can name, plus autocomplete.

Keys are stable identifiers stored in profiles and tables; labels are what people read;
aliases are the ways people actually type things. Those tables are hand-written data in
data/taxonomy.json, read once at import; this module keeps the logic.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from difflib import get_close_matches
from functools import cache, lru_cache
from typing import Any

from babel import Locale

from . import titles
from .paths import DATA_DIR


@dataclass(frozen=True, slots=True)
class Term:
    key: str
    label: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Level:
    key: str
    label: str
    min_years: int
    max_years: int | None  # None: open-ended
    data_code: str  # aijobs experience_level


@dataclass(frozen=True, slots=True)
class Location:
    key: str
    label: str
    kind: str  # "country" | "metro" | "region" | "city" | "remote"
    country: str | None  # ISO 3166-1 alpha-2, None for remote
    area_code: str | None = None
    aliases: tuple[str, ...] = field(default=())


# Every command normalises what was typed, and people type the same few names: kept.
@lru_cache(maxsize=4096)
def normalise(text: str) -> str:
    """Lower-case, strip accents and punctuation noise, collapse spaces."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.lower().replace("&", " and ")
    text = re.sub(r"[^a-z0-9+#.' ]+", " ", text)
    text = text.replace("'", "")
    return re.sub(r"\s+", " ", text).strip(" .")


_DATA: dict[str, Any] = json.loads((DATA_DIR / "taxonomy.json").read_text(encoding="utf-8"))


def _terms(name: str) -> tuple[Term, ...]:
    return tuple(Term(t["key"], t["label"], tuple(t["aliases"])) for t in _DATA[name])


def _rules(name: str) -> tuple[tuple[str, str], ...]:
    return tuple((pattern, key) for pattern, key in _DATA[name])


def _location(rec: dict[str, Any]) -> Location:
    return Location(
        rec["key"],
        rec["label"],
        rec["kind"],
        rec["country"],
        rec["area_code"],
        tuple(rec["aliases"]),
    )


# --- roles -----------------------------------------------------------------

ROLES: tuple[Term, ...] = _terms("roles")
# Keyword rules for titles that no alias names exactly (order matters: the
# more specific phrase wins). Used for data rows and for free-typed roles.
_TITLE_RULES = _rules("title_rules")
# For titles people type that the data has no role for: the nearest role it has. Never
# used on data rows, so the bands stay what the postings say.
_NEAREST_ROLE_RULES = _rules("nearest_role_rules")
# Aliases people type that are too vague to classify a data row by.
_USER_ONLY_ALIASES = frozenset(_DATA["user_only_aliases"])


def role_for_title(title: str, *, data_row: bool = False) -> str | None:
    """Map a job title (data row or user text) to a role key, or None."""
    text = normalise(title)
    if not text or (data_row and text in _USER_ONLY_ALIASES):
        return None
    # Data rows are matched as written, so the built bands stay what the postings say.
    hit = _alias_index("role").get(text) if data_row else _named_role(title)
    if hit is not None:
        return hit
    rules = _TITLE_RULES if data_row else _TITLE_RULES + _NEAREST_ROLE_RULES
    for pattern, key in rules:
        if re.search(pattern, text):
            return key
    return None


def nearest_role(title: str) -> str | None:
    """The role a typed title is estimated as when it names none of its own (DevOps Engineer:
    software engineer), else None; the answer says so (typed_words.nearest_role_note)."""
    text = normalise(title)
    if not text or _named_role(title) is not None:
        return None
    if any(re.search(pattern, text) for pattern, _ in _TITLE_RULES):
        return None
    return role_for_title(title)


# --- levels ------------------------------------------------------------------

LEVELS: tuple[Level, ...] = tuple(
    Level(lv["key"], lv["label"], lv["min_years"], lv["max_years"], lv["data_code"])
    for lv in _DATA["levels"]
)
LEVEL_BY_CODE: dict[str, str] = {lv.data_code: lv.key for lv in LEVELS}
_LEVEL_ALIASES: dict[str, str] = _DATA["level_aliases"]


def level_for_years(years: int) -> str:
    for lv in LEVELS:
        if lv.max_years is None or years <= lv.max_years:
            return lv.key
    return LEVELS[-1].key


def level_key(text: str) -> str | None:
    t = normalise(text)
    return _LEVEL_ALIASES.get(t) or _LEVEL_ALIASES.get(t.split(" ")[0] if t else "")


# The data's own two-letter codes are not words people put in a title.
_NOT_IN_TITLES = frozenset(lv.data_code.lower() for lv in LEVELS)
# The data has no staff level (EN/MI/SE/EX): staff is read as senior, and said so.
STAFF_WORDS = frozenset({"staff"})


def level_in_title(title: str) -> tuple[str, str] | None:
    """("senior", "senior") for "Senior ML engineer": the level a title names, and the word."""
    return split_title(title)[0]


# --- titles: the words around a role ---------------------------------------------

# Words a title carries besides its role ("Senior", "Sr.", "Staff", "Intern"), each with the
# level it names.
_TITLE_WORDS = {word: key for word, key in _LEVEL_ALIASES.items() if word not in _NOT_IN_TITLES}


@lru_cache(maxsize=4096)
def _peeled(title: str) -> list[titles.Stage]:
    return titles.peel_title([word.rstrip(".") for word in normalise(title).split()], _TITLE_WORDS)


def split_title(title: str) -> tuple[tuple[str, str] | None, str]:
    """(("senior", "sr"), "mle") for "Sr. MLE II": the level its words name, and the role's words."""
    found, rest = _peeled(title)[-1]
    return found, " ".join(rest)


def _named_role(title: str) -> str | None:
    """The role a typed title names by key, label or alias, as typed or less its title words.

    Taken off one at a time, so an alias holding a title word ("data science tech lead") is
    found before that word goes.
    """
    index = _alias_index("role")
    hits = (index.get(" ".join(words)) for _, words in _peeled(title))
    return index.get(normalise(title)) or next((hit for hit in hits if hit), None)


@cache
def _role_names() -> re.Pattern[str]:
    """Role names long enough to find in a posting's words (not "ds" or "research")."""
    names = (normalise(name) for name in _alias_index("role"))
    return titles.names_pattern(
        name for name in names if len(name) >= 3 and name not in _USER_ONLY_ALIASES
    )


def role_in_text(text: str) -> str | None:
    """The role a posting names ("Hiring MLEs in Berlin"): a title first, else the first name."""
    norm = normalise(text)
    for pattern, key in _TITLE_RULES:
        if re.search(pattern, norm):
            return key
    named = _role_names().search(norm)
    if named is not None:
        return _alias_index("role")[named["name"]]
    return role_for_title(norm)


# --- locations ---------------------------------------------------------------

COUNTRY_NAMES: dict[str, str] = _DATA["countries"]
# Big cities outside the US/Canadian areas map to their country's band.
_COUNTRY_ALIASES: dict[str, list[str]] = _DATA["country_aliases"]
# US metros (BLS OEWS areas) and Canadian regions (Job Bank economic regions)
# that location-factors covers; their factors live in the built tables.
_AREAS: tuple[Location, ...] = tuple(_location(rec) for rec in _DATA["areas"])
# Cities elsewhere that people type: no city pay figure, so their country's band is
# used and the answer says so; the label keeps the city in the answer's title.
_CITIES: tuple[Location, ...] = tuple(_location(rec) for rec in _DATA["cities"])
REMOTE = _location(_DATA["remote"])


def _build_locations() -> tuple[Location, ...]:
    by_name = sorted(COUNTRY_NAMES.items(), key=lambda kv: kv[1])
    aliases = {code: (code.lower(), *_COUNTRY_ALIASES.get(code, ())) for code, _ in by_name}
    countries = tuple(Location(c, n, "country", c, None, aliases[c]) for c, n in by_name)
    return (*_AREAS, *_CITIES, *countries, REMOTE)


LOCATIONS: tuple[Location, ...] = _build_locations()
LOCATION_BY_KEY: dict[str, Location] = {loc.key: loc for loc in LOCATIONS}

# --- profile attributes --------------------------------------------------------

INDUSTRIES = _terms("industries")
EDUCATION = _terms("education")
CERTIFICATIONS = _terms("certifications")
SKILLS = _terms("skills")
COMPANY_TYPES = _terms("company_types")

_TERMS: dict[str, tuple[Term, ...]] = {
    "role": ROLES,
    "industry": INDUSTRIES,
    "education": EDUCATION,
    "certification": CERTIFICATIONS,
    "skill": SKILLS,
    "company": COMPANY_TYPES,
}


def _entries(kind: str) -> Iterable[tuple[str, str, tuple[str, ...]]]:
    if kind == "location":
        return ((loc.key, loc.label, loc.aliases) for loc in LOCATIONS)
    if kind == "level":
        return (
            (lv.key, lv.label, tuple(a for a, k in _LEVEL_ALIASES.items() if k == lv.key))
            for lv in LEVELS
        )
    if kind not in _TERMS:
        raise KeyError(f"unknown kind {kind!r}")
    return ((t.key, t.label, t.aliases) for t in _TERMS[kind])


@cache
def _alias_index(kind: str) -> dict[str, str]:
    """Normalised key / label / alias -> key, for exact lookups."""
    index: dict[str, str] = {}
    for key, lab, aliases in _entries(kind):
        for text in (key, key.replace("_", " "), key.replace("-", " "), lab, *aliases):
            index.setdefault(normalise(text), key)
    if kind == "location":
        # "Seattle" as well as "Seattle, WA"; labels win over aliases.
        for loc in LOCATIONS:
            index.setdefault(normalise(loc.label.split(",")[0].split("(")[0]), loc.key)
    return index


@cache
def _labels(kind: str) -> dict[str, str]:
    return {key: lab for key, lab, _ in _entries(kind)}


def keys(kind: str) -> list[str]:
    return list(_labels(kind))


def label(kind: str, key: str) -> str:
    """Human label for a key; the key itself when unknown."""
    return _labels(kind).get(key, key)


def lookup(kind: str, text: str) -> str | None:
    """Exact (normalised) match on key, label or alias; roles also try title rules."""
    norm = normalise(text)
    hit = _alias_index(kind).get(norm)
    if hit is None and kind == "role":
        return role_for_title(text)
    if hit is None and kind == "location" and norm.upper() in COUNTRY_NAMES:
        return norm.upper()
    if hit is None and kind == "location":
        hit = _countries_as_members_write_them().get(norm)
    if hit is None and kind == "location" and "," in text:
        return _place_in_country(text)
    return hit


MEMBER_LANGUAGES = ("de", "pt")  # the bot's languages besides English (bot/locales/)


@cache
def _countries_as_members_write_them() -> dict[str, str]:
    """Each country's name as members write it in those languages ("Alemanha", "Schweiz"),
    from CLDR, normalised."""
    names: dict[str, str] = {}
    for language in MEMBER_LANGUAGES:
        for code, name in Locale(language).territories.items():
            if code in COUNTRY_NAMES:
                names.setdefault(normalise(name), code)
    return names


def city_of(label: str) -> str:
    """The city's part of a city's label ("Munich" of "Munich, Germany")."""
    return label.rsplit(",", 1)[0]


def _place_in_country(text: str) -> str | None:
    """ "Munich, DE" or "Seattle, USA": the place, if the country after the comma is its own."""
    place, _, rest = text.rpartition(",")
    key, country = lookup("location", place), lookup("location", rest)
    if key is None or country is None:
        return None
    same = LOCATION_BY_KEY[key].country == LOCATION_BY_KEY[country].country
    return key if same else None


@cache
def _normalised_entries(kind: str) -> tuple[tuple[str, str, str, tuple[str, ...]], ...]:
    """(key, label, normalised label, normalised key and aliases), computed once per kind:
    autocomplete runs on every keystroke."""
    return tuple(
        (key, lab, normalise(lab), tuple(normalise(a) for a in (key, *aliases)))
        for key, lab, aliases in _entries(kind)
    )


def suggest(kind: str, text: str, limit: int = 25) -> list[tuple[str, str]]:
    """Autocomplete: (label, key) pairs, prefix matches first, then substrings."""
    return list(_suggestions(kind, text, limit))


@lru_cache(maxsize=2048)  # every keystroke asks; most people type the same prefixes
def _suggestions(kind: str, text: str, limit: int) -> tuple[tuple[str, str], ...]:
    norm = normalise(text)
    entries = _normalised_entries(kind)
    if not norm:
        return tuple((lab, key) for key, lab, _, _ in entries)[:limit]
    ranked: list[tuple[int, int, str, str]] = []
    for order, (key, lab, nlab, naliases) in enumerate(entries):
        if nlab.startswith(norm):
            rank = 0
        elif any(a.startswith(norm) for a in naliases) or any(
            w.startswith(norm) for w in nlab.split()
        ):
            rank = 1
        elif norm in nlab or any(norm in a for a in naliases):
            rank = 2
        else:
            continue
        ranked.append((rank, order, lab, key))
    ranked.sort()
    return tuple((lab, key) for _, _, lab, key in ranked[:limit])


def did_you_mean(kind: str, text: str, n: int = 3) -> list[str]:
    """Close labels for an unknown input, best first."""
    # A role is matched without its title words: "senior ml enginer" is close to "ml engineer",
    # and a misspelt title word is let go: "staf mle" is "mle".
    norm = (split_title(text[:200])[1] if kind == "role" else normalise(text))[:60]
    if not norm:
        return []
    index = _alias_index(kind)
    labels = _labels(kind)
    close = get_close_matches(norm, list(index), n=n * 3, cutoff=0.6)
    if not close and kind == "role" and " " in norm:
        close = get_close_matches(norm.split(" ", 1)[1], list(index), n=n * 3, cutoff=0.6)
    out: list[str] = []
    for hit in close:
        lab = labels[index[hit]]
        if lab not in out:
            out.append(lab)
    if len(out) < n and len(norm) >= 3:
        # Fall back to labels with a word starting like the input ("seat" -> Seattle).
        for lab in labels.values():
            words = normalise(lab).split()
            if lab not in out and any(w.startswith(norm[:3]) for w in words):
                out.append(lab)
    return out[:n]
