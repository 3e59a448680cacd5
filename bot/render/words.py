"""Words in the reader's language: gettext catalogs chosen by the Discord locale.

English is the source language: every message id is the English text itself, so a string
with no translation (or a reader in any other locale) reads English. German and Brazilian
Portuguese have catalogs under bot/locales/ (see bot/render/catalogs.py for extracting,
updating and compiling them). Placeholders are named, `{count}`, and filled by `_()` after
translation, so a translation may move them where its grammar wants them.

The reader's locale is ANSWER_LOCALE, set for every interaction before any of its work runs
(bot/app/interaction_locale.py); code that knows the locale itself passes it to `words_for`.
"""

from __future__ import annotations

import gettext
from functools import cache
from pathlib import Path
from typing import Any

from bot.render.locale import ANSWER_LOCALE

LOCALES_DIR = Path(__file__).resolve().parents[1] / "locales"
DOMAIN = "bot"
# Discord's locale code -> the catalog's folder (gettext's spelling of the same locale).
CATALOGS = {"de": "de", "pt-BR": "pt_BR"}
ENGLISH = gettext.NullTranslations()


class CatalogMissing(RuntimeError):
    """A compiled catalog is absent: the install did not compile the .po files."""


@cache
def _load(folder: str) -> gettext.NullTranslations:
    path = LOCALES_DIR / folder / "LC_MESSAGES" / f"{DOMAIN}.mo"
    try:
        with path.open("rb") as compiled:
            return gettext.GNUTranslations(compiled)
    except FileNotFoundError:
        raise CatalogMissing(
            f"{path} is missing: run `bash scripts/setup` "
            "(or `python -m bot.render.catalogs compile`)"
        ) from None


def load_catalogs() -> None:
    """Load every catalog now, so a missing one stops the start instead of an answer."""
    for folder in CATALOGS.values():
        _load(folder)


def words_for(locale: str | None) -> gettext.NullTranslations:
    """The catalog for a Discord locale ("de", "pt-BR"); English for every other."""
    folder = CATALOGS.get(str(locale)) if locale is not None else None
    return _load(folder) if folder is not None else ENGLISH


def has_catalog(locale: str | None) -> bool:
    return locale is not None and str(locale) in CATALOGS


def _fill(text: str, values: dict[str, Any]) -> str:
    return text.format(**values) if values else text


def N_(message: str) -> str:
    """Marks a message for the catalogs where it is declared; `_()` translates it when read."""
    return message


def _(message: str, /, **values: Any) -> str:
    """`message` in the reader's language, its `{named}` placeholders filled from `values`."""
    return _fill(words_for(ANSWER_LOCALE.get()).gettext(message), values)


def ngettext(singular: str, plural: str, count: int, /, **values: Any) -> str:
    """The form for `count` in the reader's language; `{count}` is filled with it."""
    text = words_for(ANSWER_LOCALE.get()).ngettext(singular, plural, count)
    return _fill(text, {"count": count, **values})


def translate(message: str, locale: str | None, /, **values: Any) -> str:
    """`message` in a given locale's language, for code that is told the locale."""
    return _fill(words_for(locale).gettext(message), values)
