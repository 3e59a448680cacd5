"""Names of roles, levels, places and the other choices, in the reader's language.

Taxonomy labels are English message ids in the catalogs (extracted as choices). Countries
are named by Babel's locale data (CLDR), so every one of them reads in the reader's language
without a catalog entry; a city abroad has its name in the catalogs (context "city": München,
Lisboa), beside its country's. US metros and Canadian regions keep their postal
abbreviations, as people there write them.
"""

from __future__ import annotations

from functools import lru_cache

from babel import Locale, UnknownLocaleError

from bot.render.locale import ANSWER_LOCALE
from bot.render.words import has_catalog, translate, words_for
from bot.salary import taxonomy as tx
from bot.salary.said import CITY


@lru_cache(maxsize=64)
def _territories(locale: str) -> dict[str, str]:
    try:
        return dict(Locale.parse(locale.replace("-", "_")).territories)
    except (ValueError, UnknownLocaleError):
        return {}


def country_name(code: str, locale: str | None = None) -> str:
    """A country by its ISO code, as the reader's (or `locale`'s) language names it."""
    where = _reader(locale)
    english = tx.label("location", code)
    if not has_catalog(where):
        return english
    return _territories(str(where)).get(code, english)


def place_name(key: str, locale: str | None = None) -> str:
    """A location key as the reader reads it: "Berlin, Deutschland", "Seattle, WA"."""
    place = tx.LOCATION_BY_KEY.get(key)
    if place is None:
        return key
    if place.kind == "remote":
        return translate(place.label, _reader(locale))
    if place.kind == "country" and place.country:
        return country_name(place.country, locale)
    if place.kind == "city" and place.country:
        return f"{city_name(key, locale)}, {country_name(place.country, locale)}"
    return place.label


def city_name(key: str, locale: str | None = None) -> str:
    """A city's location key as the city alone, in the reader's words ("München")."""
    place = tx.LOCATION_BY_KEY.get(key)
    label = tx.city_of(place.label) if place is not None else key
    return words_for(_reader(locale)).pgettext("city", label)


def name_of(kind: str, key: str, locale: str | None = None) -> str:
    """Any taxonomy choice (role, level, industry, ...) or location in the reader's (or
    `locale`'s) words."""
    if kind == "location":
        return place_name(key, locale)
    if kind == CITY:
        return city_name(key, locale)
    return translate(tx.label(kind, key), _reader(locale))


def _reader(locale: str | None) -> str | None:
    return locale if locale is not None else ANSWER_LOCALE.get()
