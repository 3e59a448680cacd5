"""Pay as people type it in a sentence: "185k", "€90.000", "1.2M INR", "25 LPA", "+ 15% bonus".

The reader of plain questions (question.py) asks this module two things: the amounts an offer
names (base, bonus, equity, sign-on, each as text the offer parser reads) and the pay range a
message quotes (found by pay_range.py). Written forms are made plain first: European thousands
("90.000" is ninety thousand), Indian units (a lakh is 100,000 rupees, a crore 10,000,000;
"LPA" is lakhs per annum), and "+" between pay parts read as "plus" rather than "or more".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .currency import RATES
from .offer_terms import OTHER_CODES, SYMBOL_CODES
from .pay_range import PayRange, find_pay_range

LAKH, CRORE = 100_000, 10_000_000
# A bare number this large is pay even without a currency or "k" ("185000 base").
BARE_PAY_FROM = 10_000

_EURO_THOUSANDS = re.compile(r"(?<![\d.,])\d{1,3}(?:\.\d{3})+(?![\d]|[.,]\d)")
_INDIAN_UNIT = r"(?:lpa|lakhs?(?:\s+per\s+annum)?|lacs?|l(?![a-z])|crores?|cr(?![a-z]))"
_INDIAN_RANGE = re.compile(
    rf"(?P<sym>₹\s?)?(?P<a>\d+(?:\.\d+)?)\s*(?:-|–|to)\s*₹?\s?(?P<b>\d+(?:\.\d+)?)\s*(?P<unit>{_INDIAN_UNIT})",
    re.IGNORECASE,
)
_INDIAN_ONE = re.compile(
    rf"(?P<sym>₹\s?)?(?<![\d.])(?P<a>\d+(?:\.\d+)?)\s*(?P<unit>{_INDIAN_UNIT})", re.IGNORECASE
)
# "+" followed by another pay part is "plus"; "180k+" alone still means "180k or more".
_PLUS_PART = re.compile(
    r"\+\s*(?=\d|[$€£₹]|(?:a\s+)?(?:bonus|equity|stock|rsus?|options|sign|signing|joining))",
    re.IGNORECASE,
)

_SYMBOL = r"(?:US\$|CA\$|C\$|\$|€|£|₹)"
_CODES = "|".join(sorted({*RATES, *OTHER_CODES}))
_AMOUNT = re.compile(
    rf"(?<![\w.,])(?P<sym>{_SYMBOL})?\s?(?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    rf"\s?(?P<mult>k|m|mm|thousand|million)?(?![a-z%])"
    rf"(?:\s?(?P<code>{_CODES})(?![a-z]))?"
    rf"(?:\s?(?P<word>euros?|dollars?|bucks|pounds|rupees))?",
    re.IGNORECASE,
)
_PERCENT_BONUS = re.compile(
    r"(?P<a>\d{1,3}(?:\.\d+)?)\s?%\s*(?:target\s+|annual\s+|yearly\s+)?bonus"
    r"|bonus\s*(?:of|:|at|is)?\s*(?P<b>\d{1,3}(?:\.\d+)?)\s?%",
    re.IGNORECASE,
)
_MULTIPLIERS = {"k": 1e3, "thousand": 1e3, "m": 1e6, "mm": 1e6, "million": 1e6}
_WORD_CODES = {
    "euro": "EUR",
    "euros": "EUR",
    "dollar": "USD",
    "dollars": "USD",
    "bucks": "USD",
    "pounds": "GBP",
    "rupees": "INR",
}
# What an amount is, by the words right after it (or right before: "bonus of 20k").
_PART_AFTER = {
    "bonus": re.compile(r"^\s*(?:target\s+|annual\s+|yearly\s+|cash\s+)?bonus", re.IGNORECASE),
    "equity": re.compile(
        r"^\s*(?:in\s+|of\s+)?(?:equity|stock|rsus?|options|shares)", re.IGNORECASE
    ),
    "sign_on": re.compile(
        r"^\s*(?:sign[\s-]?on|signing|joining|sign[\s-]?up)(?:\s+bonus)?", re.IGNORECASE
    ),
    "hourly": re.compile(r"^\s*(?:/\s*(?:h|hr|hour)\b|per\s+hour|an\s+hour|hourly)", re.IGNORECASE),
}
_PART_BEFORE = {
    "sign_on": re.compile(
        r"(?:sign[\s-]?on|signing|joining)(?:\s+bonus)?\s*(?:of|:|is)?\s*$", re.IGNORECASE
    ),
    "bonus": re.compile(r"bonus\s*(?:of|:|is)?\s*$", re.IGNORECASE),
    "equity": re.compile(r"(?:equity|stock|rsus?|grant)\s*(?:of|:|is|worth)?\s*$", re.IGNORECASE),
}


@dataclass(frozen=True)
class OfferWords:
    """An offer's parts as the offer parser reads them ("185000 USD", "15%")."""

    base: str
    bonus: str | None = None
    equity: str | None = None
    sign_on: str | None = None


@dataclass(frozen=True)
class PayInText:
    """The pay a message names: an offer, a quoted range, or neither; and the text without it."""

    offer: OfferWords | None
    pay_range: PayRange | None
    rest: str  # the message with every amount blanked out, for the words around them
    currencies: tuple[str, ...] = field(default=())  # currencies the amounts name


def plain_amounts(text: str) -> str:
    """European thousands and Indian units rewritten as plain amounts, "+" between parts as plus."""
    text = _EURO_THOUSANDS.sub(lambda m: m.group(0).replace(".", ""), text)
    text = _INDIAN_RANGE.sub(
        lambda m: f"{_rupees(m['a'], m['unit'])}-{_rupees(m['b'], m['unit'])} INR", text
    )
    text = _INDIAN_ONE.sub(lambda m: f"{_rupees(m['a'], m['unit'])} INR", text)
    return _PLUS_PART.sub(" plus ", text)


def _rupees(number: str, unit: str) -> int:
    scale = CRORE if unit.lower().startswith("cr") else LAKH
    return round(float(number) * scale)


@dataclass(frozen=True)
class _Amount:
    start: int
    end: int
    value: float
    currency: str | None
    part: str  # base, bonus, equity, sign_on, hourly


def _amounts(text: str) -> list[_Amount]:
    found: list[_Amount] = []
    for match in _AMOUNT.finditer(text):
        value = float(match["num"].replace(",", ""))
        value *= _MULTIPLIERS.get((match["mult"] or "").lower(), 1.0)
        currency = _currency_of(match)
        money_like = match["sym"] or match["mult"] or match["code"] or match["word"]
        if not money_like and value < BARE_PAY_FROM:
            continue  # "5 years", "2 offers", "2024"
        found.append(_Amount(match.start(), match.end(), value, currency, _part(text, match)))
    return found


def _currency_of(match: re.Match[str]) -> str | None:
    if match["code"]:
        return match["code"].upper()
    if match["sym"]:
        return SYMBOL_CODES[match["sym"].lower()]
    if match["word"]:
        return _WORD_CODES[match["word"].lower()]
    return None


def _part(text: str, match: re.Match[str]) -> str:
    after = text[match.end() : match.end() + 30]
    for part, pattern in _PART_AFTER.items():
        if pattern.match(after):
            return part
    before = text[max(0, match.start() - 30) : match.start()]
    for part, pattern in _PART_BEFORE.items():
        if pattern.search(before):
            return part
    return "base"


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def _as_text(amount: _Amount) -> str:
    return f"{amount.value:.0f} {amount.currency}" if amount.currency else f"{amount.value:.0f}"


def pay_in_text(text: str) -> PayInText:
    """The offer or the range `text` names, read from its plain form (see `plain_amounts`)."""
    plain = plain_amounts(text)
    bonus_percent = _PERCENT_BONUS.search(plain)
    amounts = [amount for amount in _amounts(plain) if amount.part != "hourly"]
    parts = [amount for amount in amounts if amount.part != "base"]
    spans = [(a.start, a.end) for a in parts]
    if bonus_percent is not None:
        spans.append(bonus_percent.span())
    # A range is read where no offer part (bonus, equity, sign-on) can be taken for its end.
    without_parts = _blank(plain, spans)
    pay_range = find_pay_range(without_parts)
    bases = [amount for amount in amounts if amount.part == "base"]
    rest = _blank(plain, [*spans, *((a.start, a.end) for a in bases)])
    currencies = tuple(dict.fromkeys(a.currency for a in amounts if a.currency))
    if pay_range is not None and not parts and bonus_percent is None:
        return PayInText(None, pay_range, rest, currencies)
    if not bases:
        return PayInText(None, None, rest, currencies)
    by_part = {amount.part: _as_text(amount) for amount in reversed(parts)}
    bonus = by_part.get("bonus")
    if bonus_percent is not None:
        bonus = f"{bonus_percent['a'] or bonus_percent['b']}%"
    offer = OfferWords(
        base=_as_text(bases[0]),
        bonus=bonus,
        equity=by_part.get("equity"),
        sign_on=by_part.get("sign_on"),
    )
    return PayInText(offer, None, rest, currencies)
