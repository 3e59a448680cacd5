"""A question typed in plain words, read: what is asked, the fields it names, the pay it quotes.

"senior ml engineer in berlin?", "I'm a data scientist in Toronto with 5 years", "is 185k + 15%
bonus fair for a senior MLE in Seattle?", "mle vs data scientist in austin", "and in munich?".
Names are the taxonomy's (its aliases, labels and country codes); this module only decides which
words of a sentence to look up, and keeps ordinary words ("in", "us", "it") from being read as
places. What it could not place is returned as `unread`, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from typing import Any

from . import taxonomy as tx
from .currency import RATES
from .offer_terms import OTHER_CODES
from .pay_range import PayRange
from .pay_words import OfferWords, pay_in_text
from .question_words import (
    ABOUT_SELF,
    CHANGE_OPENERS,
    COMPARE_WORDS,
    CURRENCY_WORDS,
    LEVEL_WORDS,
    NOT_AFTER_IN,
    NOT_PLACES,
    PAY_WORDS,
    PLACE_PREPOSITIONS,
    SHORT_PLACES,
    SHORT_ROLES,
    US_STATES,
    years_in,
)
from .said import Said, said

MAX_READ = 2000  # a question (or a posting's job) is in its first lines; the rest is not read
MAX_WORDS = 4  # the longest name looked up (e.g. "machine learning software engineer")


class Asked(StrEnum):
    BAND = "band"
    OFFER = "offer check"
    RANGE = "range check"
    ROLES = "role comparison"
    PLACES = "place comparison"
    CHANGE = "change"
    NOTHING = "nothing"


@dataclass(frozen=True)
class Unread:
    """Words that looked like a field but name nothing known, with close names if any."""

    field: str
    text: str
    options: tuple[str, ...] = ()


@dataclass(frozen=True)
class Question:
    asked: Asked
    fields: dict[str, Any] = field(default_factory=dict)  # query fields, as keys
    roles: tuple[str, ...] = ()  # every role named, in order
    places: tuple[str, ...] = ()  # every place named, in order
    offer: OfferWords | None = None
    pay_range: PayRange | None = None
    about_self: bool = False  # "I", "my", "me": the asker speaks of themselves
    unread: tuple[Unread, ...] = ()
    notes: tuple[Said, ...] = ()  # how something was read ("Texas: the United States band")

    @property
    def answerable(self) -> bool:
        return self.asked is not Asked.NOTHING


@dataclass
class _Word:
    text: str  # as typed
    norm: str  # normalised
    used: bool = False


_TOKEN = re.compile(r"[^\W_][\w+#.']*")
_DISCORD_MARKUP = re.compile(r"<(?:@[!&]?|#)\d+>|<a?:\w+:\d+>|https?://\S+")


def _words(text: str) -> list[_Word]:
    words = []
    for match in _TOKEN.finditer(text):
        raw = match.group(0).rstrip(".'")
        norm = tx.normalise(raw)
        if norm:
            words.append(_Word(raw, norm))
    return words


@cache
def _role_names() -> dict[str, str]:
    """Every exact name of a role (key, label, alias), normalised: typed words, not title rules."""
    names: dict[str, str] = {}
    for term in tx.ROLES:
        for text in (term.key.replace("_", " "), term.label, *term.aliases):
            names.setdefault(tx.normalise(text), term.key)
    return names


def _role(norm: str, single: _Word | None) -> str | None:
    if single is not None and single.norm in SHORT_ROLES:
        return SHORT_ROLES[single.norm]
    if single is not None and len(single.norm) <= 3:
        return None  # "de", "da", "rs": too many other meanings in a sentence
    names = _role_names()
    # "ML engineers", "data scientists": the plural names the same role.
    return names.get(norm) or (names.get(norm[:-1]) if norm.endswith("s") else None)


def _place(norm: str, single: _Word | None) -> str | None:
    if single is not None and not single.text.isupper():
        if single.norm in NOT_PLACES:
            return None
        if len(single.norm) <= 3 and single.norm not in SHORT_PLACES:
            return None  # "in", "us", "it", "sea": places only when written as codes
    return tx.lookup("location", norm)


def _level(norm: str, single: _Word | None) -> str | None:
    if norm not in LEVEL_WORDS:
        return None
    # Staff is kept as typed: the query says the data has no staff level.
    return norm if norm in tx.STAFF_WORDS else tx.level_key(norm)


def _named(kind: str, norm: str, single: _Word | None) -> str | None:
    if kind == "role":
        return _role(norm, single)
    if kind == "location":
        return _place(norm, single)
    if kind == "level":
        return _level(norm, single)
    if single is not None and len(single.norm) <= 3 and kind != "education":
        return None  # "it" is no industry in a sentence
    if kind == "education" and single is not None and single.norm in ("ms", "ma", "ba", "bs"):
        return None
    return tx.lookup(kind, norm)


def _level_of_title(words: list[_Word], position: int, size: int) -> str | None:
    """ "lead data scientist" names a role and, in its first word, a level."""
    first = words[position].norm
    return _level(first, None) if size > 1 else None


# Looked up in this order at each position; the longest name there wins.
_KINDS = (
    ("role", "role"),
    ("location", "location"),
    ("level", "level"),
    ("education", "education"),
    ("company_type", "company"),
    ("industry", "industry"),
)


def _scan(words: list[_Word]) -> list[tuple[str, str, int]]:
    """(field, key, position) for each name found, left to right, longest first."""
    found: list[tuple[str, str, int]] = []
    position = 0
    while position < len(words):
        hit = None
        for size in range(min(MAX_WORDS, len(words) - position), 0, -1):
            span = words[position : position + size]
            if any(word.used for word in span):
                continue
            norm = " ".join(word.norm for word in span)
            single = span[0] if size == 1 else None
            for name, kind in _KINDS:
                key = _named(kind, norm, single)
                if key is not None:
                    hit = (name, key, size)
                    break
            if hit is not None:
                break
        if hit is None:
            position += 1
            continue
        name, key, size = hit
        for word in words[position : position + size]:
            word.used = True
        found.append((name, key, position))
        if name == "role" and size > 1 and (level := _level_of_title(words, position, size)):
            found.append(("level", level, position))
        position += size
    return found


def _currency(words: list[_Word]) -> tuple[str | None, Unread | None]:
    for index, word in enumerate(words):
        if word.used:
            continue
        code = CURRENCY_WORDS.get(word.norm)
        upper = word.text.upper()
        if code is None and len(word.norm) == 3 and (word.text.isupper() or upper in RATES):
            if upper in RATES:
                code = upper
            elif upper in OTHER_CODES:
                word.used = True
                return None, Unread("currency", upper, tuple(RATES))
        if code is not None:
            word.used = True
            # "canadian dollars": the word before decides.
            if code == "USD" and index and words[index - 1].norm in ("canadian", "cad"):
                code = "CAD"
            return code, None
    return None, None


def _states(words: list[_Word]) -> tuple[str | None, list[Said]]:
    """A US state names the United States: the data has no figure per state."""
    for size in (2, 1):
        for position in range(len(words) - size + 1):
            span = words[position : position + size]
            norm = " ".join(word.norm for word in span)
            if norm in US_STATES and not any(word.used for word in span):
                for word in span:
                    word.used = True
                name = " ".join(word.text for word in span)
                note = said(
                    "No figures per US state: {state} is read as the United States.", state=name
                )
                return "US", [note]
    return None, []


def _unread_places(words: list[_Word]) -> list[Unread]:
    """ "in narnia": a word after "in" or "based in" that names no place, with close ones."""
    unread = []
    for index, word in enumerate(words[:-1]):
        if word.norm not in PLACE_PREPOSITIONS:
            continue
        following = [w for w in words[index + 1 :] if w.norm not in ("the", "a", "an")]
        if not following:
            continue
        after = following[0]
        if after.used or not after.norm.isalpha() or len(after.norm) < 3:
            continue
        if after.norm in NOT_PLACES | NOT_AFTER_IN | PAY_WORDS | ABOUT_SELF:
            continue
        after.used = True
        unread.append(
            Unread("location", after.text, tuple(tx.did_you_mean("location", after.text)))
        )
    return unread


def _asked(
    text: str,
    words: list[_Word],
    fields: dict[str, Any],
    roles: list[str],
    places: list[str],
    offer: OfferWords | None,
    pay_range: PayRange | None,
) -> Asked:
    norms = {word.norm for word in words}
    first = " ".join(word.norm for word in _words(text)[:2])
    compares = bool(norms & COMPARE_WORDS) or " or " in f" {text.lower()} "
    if offer is not None:
        return Asked.OFFER
    if pay_range is not None:
        return Asked.RANGE
    if len(roles) > 1 and compares:
        return Asked.ROLES
    if len(places) > 1:
        return Asked.PLACES
    opens_change = any(
        first == opener or first.startswith(f"{opener} ") for opener in CHANGE_OPENERS
    )
    if fields and (opens_change or set(fields) == {"currency"}):
        return Asked.CHANGE
    if fields or norms & PAY_WORDS:
        return Asked.BAND
    return Asked.NOTHING


def read_question(text: str) -> Question:
    """Read one message; never raises on what a person types."""
    clean = _DISCORD_MARKUP.sub(" ", text[:MAX_READ])
    pay = pay_in_text(clean)
    rest, years, years_span_words = years_in(pay.rest)
    words = _words(rest)
    fields: dict[str, Any] = {}
    notes: list[Said] = []
    unread: list[Unread] = []
    if years is not None:
        fields["years"] = years
    state, state_notes = _states(words)
    found = _scan(words)
    roles = list(dict.fromkeys(key for name, key, _ in found if name == "role"))
    places = list(dict.fromkeys(key for name, key, _ in found if name == "location"))
    if state is not None and not places:
        places.append(state)
        notes.extend(state_notes)
    for name, key, _ in found:
        if name not in ("role", "location"):
            fields.setdefault(name, key)
    if roles:
        fields["role"] = roles[0]
    if places:
        fields["location"] = places[0]
    currency, strange = _currency(words)
    if currency is not None:
        fields["currency"] = currency
    if strange is not None:
        unread.append(strange)
    unread.extend(_unread_places(words))
    if pay.pay_range is not None and pay.pay_range.unsupported_currency:
        unread.append(Unread("currency", pay.pay_range.unsupported_currency, tuple(RATES)))
    norms = {word.norm for word in words} | set(years_span_words)
    asked = _asked(clean, words, fields, roles, places, pay.offer, pay.pay_range)
    return Question(
        asked=asked,
        fields=fields,
        roles=tuple(roles),
        places=tuple(places),
        offer=pay.offer,
        pay_range=pay.pay_range,
        about_self=bool(norms & ABOUT_SELF),
        unread=tuple(unread),
        notes=tuple(notes),
    )
