"""Finding a yearly pay range in free text: "$150k-$200k", "150-200k EUR", "up to 180k", "180k+".

Only yearly amounts count: a figure under 1,000 after its k/M ("3-5 years") is no salary, and a
range followed by "/hr", "per hour" or "an hour" is skipped.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict

from . import taxonomy as tx
from .currency import RATES
from .offer_terms import OTHER_CODES, SYMBOL_CODES

MIN_YEARLY = 1_000

_SYM = r"(?:US\$|CA\$|C\$|\$|€|£|₹)"
_CODE = r"(?:[A-Z]{3})"
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_MULT = r"(?:k|K|m|M|mm|MM)(?![A-Za-z])"
# One amount: optional currency before, the number, an optional k/M.
_ONE = rf"(?:(?P<{{p}}code1>{_CODE})\s?)?(?P<{{p}}sym>{_SYM})?\s?(?P<{{p}}num>{_NUM})\s?(?P<{{p}}mult>{_MULT})?"


def _amount(prefix: str) -> str:
    return _ONE.replace("{p}", prefix)


_DASH = r"\s*(?:-|–|—|to|and)\s*"
_AFTER = rf"(?:\s?(?P<code2>{_CODE})(?![A-Za-z]))?"
_HOURLY = re.compile(r"^\s*(?:/\s*(?:h|hr|hour)|per\s+hour|an\s+hour|hourly)", re.IGNORECASE)
_BETWEEN = re.compile(rf"(?<![\w.]){_amount('a')}{_DASH}{_amount('b')}{_AFTER}")
_UP_TO = re.compile(
    rf"(?i:up\s+to|upto|max(?:imum)?|at\s+most|no\s+more\s+than)\s+{_amount('b')}{_AFTER}"
)
_FROM = re.compile(rf"(?i:from|starting\s+at|at\s+least|min(?:imum)?)\s+{_amount('a')}{_AFTER}")
_PLUS = re.compile(rf"(?<![\w.]){_amount('a')}\s?\+{_AFTER}")
_MULTIPLIERS = {"k": 1e3, "m": 1e6, "mm": 1e6}


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
    return float(num.replace(",", "")) * _MULTIPLIERS.get(mult, 1.0), mult or None


def _currency(match: re.Match[str]) -> tuple[str | None, str | None]:
    names: list[str] = []
    for group in ("acode1", "asym", "bcode1", "bsym", "code2"):
        value = match.groupdict().get(group)
        if value:
            names.append(value)
    for name in names:
        code = SYMBOL_CODES.get(name.lower(), name.upper())
        if code in RATES:
            return code, None
        if code in OTHER_CODES:
            return None, code
    return None, None


def _not_hourly(text: str, match: re.Match[str]) -> bool:
    return not _HOURLY.match(text[match.end() :])


def find_pay_range(text: str) -> PayRange | None:
    """The first pay range in `text`, or None when it names none."""
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
        if min(low_value, last[0]) < MIN_YEARLY:
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
    return min(found, key=lambda pair: pair[0])[1]


def _has_currency_or_mult(match: re.Match[str]) -> bool:
    """A bare "2019-2023" is a span of years; a salary range shows money somewhere."""
    groups = ("acode1", "asym", "amult", "bcode1", "bsym", "bmult", "code2")
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
    norm = f" {tx.normalise(text[:MAX_SCANNED])} "
    named: dict[str, str] = {}
    role = tx.role_for_title(norm)
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
