"""Finding a yearly pay range in free text: "$150k-$200k", "150-200k EUR", "70.000-90.000 €",
"up to 180k", "180k+".

Only yearly amounts count: a figure under 1,000 after its k/M ("3-5 years") is no salary, and a
range followed by "/hr", "per hour" or "an hour" is skipped. Text is read as Discord shows it:
full-width digits as digits, bold and other markdown marks set aside.
"""

from __future__ import annotations

import math
import re
import unicodedata

from pydantic import BaseModel, ConfigDict

from . import taxonomy as tx
from .amount_bounds import MAX_BASE_USD, bound, bound_words
from .currency import RATES, SYMBOL_PATTERN
from .errors import QueryError
from .offer_terms import OTHER_CODES, SYMBOL_CODES
from .said import said

MIN_YEARLY = 1_000
MAX_MESSAGE = 4_000  # Discord's longest message; anything after is not read

_SYM = SYMBOL_PATTERN
_CODE = r"(?:[A-Z]{3})"
# 150,000 · 70.000 (Europe: a dot groups thousands, unless a k/M follows) · 70 000 · 150 · 1.5
_NUM = (
    r"\d{1,3}(?:,\d{3})+(?:\.\d+)?"
    r"|\d{1,3}(?:\.\d{3})+(?:,\d+)?(?![\d.]|\s?[kKmM](?![A-Za-z]))"
    r"|\d{1,3}(?: \d{3})+(?![\d.,])"
    r"|\d+(?:\.\d+)?"
)
_EUROPEAN = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
_MULT = r"(?:k|K|m|M|mm|MM)(?![A-Za-z])"
# One amount: an optional currency before, the number, an optional k/M, an optional currency after.
_ONE = (
    rf"(?:(?P<{{p}}code1>{_CODE})\s?)?(?P<{{p}}sym>{_SYM})?\s?(?P<{{p}}num>{_NUM})\s?"
    rf"(?P<{{p}}mult>{_MULT})?(?:\s?(?P<{{p}}post>{_SYM}|{_CODE}(?![A-Za-z])))?"
)


def _amount(prefix: str) -> str:
    return _ONE.replace("{p}", prefix)


_DASH = r"\s*(?:-|–|—|~|to|and)\s*"
_HOURLY = re.compile(r"^\s*(?:/\s*(?:h|hr|hour)|per\s+hour|an\s+hour|hourly)", re.IGNORECASE)
_BETWEEN = re.compile(rf"(?<![\w.]){_amount('a')}{_DASH}{_amount('b')}")
_UP_TO = re.compile(rf"(?i:up\s+to|upto|max(?:imum)?|at\s+most|no\s+more\s+than)\s+{_amount('b')}")
_FROM = re.compile(rf"(?i:from|starting\s+at|at\s+least|min(?:imum)?)\s+{_amount('a')}")
_PLUS = re.compile(rf"(?<![\w.]){_amount('a')}\s?\+")
_MULTIPLIERS = {"k": 1e3, "m": 1e6, "mm": 1e6}
# Markdown marks around amounts ("**$150k**", "~~180k~~", "`90k`"); a single ~ is a dash.
_MARKS = re.compile(r"\*+|_+|~~|`+|\|\||\\")


class PayRange(BaseModel):
    model_config = ConfigDict(frozen=True)

    low: float | None
    high: float | None
    currency: str | None  # as named in the text; None when it names none
    unsupported_currency: str | None = None  # a known code the model cannot answer in
    text: str  # the words the range was found in


def _value(match: re.Match[str], prefix: str) -> tuple[float, str | None] | None:
    num = match[f"{prefix}num"]
    if num is None:
        return None
    mult = (match[f"{prefix}mult"] or "").lower()
    if not mult and _EUROPEAN.fullmatch(num):
        number = num.replace(".", "").replace(",", ".")
    else:
        number = num.replace(",", "").replace(" ", "")
    return float(number) * _MULTIPLIERS.get(mult, 1.0), mult or None


_CURRENCY_GROUPS = ("acode1", "asym", "apost", "bcode1", "bsym", "bpost")


def _currency(match: re.Match[str]) -> tuple[str | None, str | None]:
    names = [value for group in _CURRENCY_GROUPS if (value := match.groupdict().get(group))]
    for name in names:
        code = SYMBOL_CODES.get(name.lower(), name.upper())
        if code in RATES:
            return code, None
        if code in OTHER_CODES:
            return None, code
    return None, None


def _not_hourly(text: str, match: re.Match[str]) -> bool:
    return not _HOURLY.match(text[match.end() :])


def as_displayed(text: str) -> str:
    """The text as a person reads it in Discord: compatibility forms folded, marks set aside."""
    folded = unicodedata.normalize("NFKC", text[:MAX_MESSAGE])
    return _MARKS.sub("", folded)


def find_pay_range(text: str) -> PayRange | None:
    """The first pay range in `text`, or None when it names none.

    A range past 5 million a year is refused (a QueryError), not weighed.
    """
    text = as_displayed(text)
    found: list[tuple[int, PayRange]] = []
    for match in _BETWEEN.finditer(text):
        if not _not_hourly(text, match) or not _has_currency_or_mult(match):
            continue
        first, last = _value(match, "a"), _value(match, "b")
        assert first is not None and last is not None
        low_value = first[0]
        # "150-200k": the k written once applies to both ends.
        if first[1] is None and last[1] is not None:
            low_value *= _MULTIPLIERS[last[1]]
        if min(low_value, last[0]) < MIN_YEARLY and max(low_value, last[0]) <= MAX_BASE_USD:
            continue
        found.append((match.start(), _make(match, low_value, last[0], text)))
        break
    for pattern, side in ((_UP_TO, "high"), (_FROM, "low"), (_PLUS, "low")):
        for match in pattern.finditer(text):
            if not _not_hourly(text, match) or not _has_currency_or_mult(match):
                continue
            value = _value(match, "b" if side == "high" else "a")
            if value is None or value[0] < MIN_YEARLY:
                continue
            low, high = (None, value[0]) if side == "high" else (value[0], None)
            found.append((match.start(), _make(match, low, high, text)))
            break
    if not found:
        return None
    first_found = min(found, key=lambda pair: pair[0])[1]
    _check_yearly(first_found)
    return first_found


def _check_yearly(found: PayRange) -> None:
    ends = [end for end in (found.low, found.high) if end is not None]
    if all(math.isfinite(end) and end <= bound(MAX_BASE_USD, found.currency) for end in ends):
        return
    shown = found.text if len(found.text) <= 40 else found.text[:39] + "…"
    raise QueryError(
        "range",
        said(
            "The range '{text}' runs past {limit} a year: that is no salary I can weigh. "
            "Check the figures, or copy the range alone.",
            text=shown,
            limit=bound_words(MAX_BASE_USD, found.currency),
        ),
    )


def _has_currency_or_mult(match: re.Match[str]) -> bool:
    """A bare "2019-2023" is a span of years; a salary range shows money somewhere."""
    groups = (*_CURRENCY_GROUPS, "amult", "bmult")
    return any(match.groupdict().get(group) for group in groups) or "," in match.group(0)


def _make(match: re.Match[str], low: float | None, high: float | None, text: str) -> PayRange:
    if low is not None and high is not None and low > high:
        low, high = high, low
    currency, unsupported = _currency(match)
    return PayRange(
        low=low,
        high=high,
        currency=currency,
        unsupported_currency=unsupported,
        text=" ".join(text[match.start() : match.end()].split())[:60],
    )


_LEVEL_WORDS = ("intern", "junior", "entry", "mid", "senior", "staff", "principal", "lead")
MAX_SCANNED = 2000  # a posting's first lines name the job; longer text is not read


def job_in_text(text: str) -> dict[str, str]:
    """The role, level and place a posting names, as query fields ("Senior MLE in Seattle")."""
    norm = f" {tx.normalise(as_displayed(text[:MAX_SCANNED]))} "
    named: dict[str, str] = {}
    role = tx.role_in_text(norm)
    if role is not None:
        named["role"] = role
    for word in _LEVEL_WORDS:
        if f" {word} " in norm and (level := tx.level_key(word)) is not None:
            named["level"] = level
            break
    # Places by their full names only: two-letter codes ("in", "us") are ordinary words.
    for loc in tx.LOCATIONS:
        if loc.kind == "remote":
            continue
        name = tx.normalise(loc.label.split(",")[0].split("(")[0])
        if len(name) > 3 and f" {name} " in norm:
            named["location"] = loc.key
            break
    return named
