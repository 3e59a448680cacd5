"""An offer letter as typed, read and checked: amounts, currencies, vesting. No Discord.

Rules the answers state:
  amounts      185k, 185,000, $185,000, 1.2M, 150k EUR; a symbol or code names the currency
  bonus        a percentage of base (15%, or a bare number under 1,000) or an amount
  equity       the whole grant, or shares times price (2,000 shares x $50)
  vesting      as vesting.py reads it
"""

from __future__ import annotations

import re

from babel.numbers import list_currencies

from .amount_bounds import MAX_BASE_USD, MAX_EQUITY_USD, MAX_SIGN_ON_USD, bound, bound_words
from .currency import RATES, SYMBOL_PATTERN, SYMBOLS, normalise_code
from .errors import QueryError
from .said import Count, said
from .term_text import Frozen, bounded, echoed, not_negative, term_name
from .vesting import Vesting, parse_vesting
from .written_number import NUMBER_PATTERN, read_number

MIN_BASE = 1_000  # a yearly base under this is a typo ("185" for 185k)
MAX_BONUS_PERCENT = 500.0
SYMBOL_CODES = {symbol.lower(): code for symbol, code in SYMBOLS.items()}
# ISO codes the model has no rate for, so "150k VES" is refused instead of read as USD.
OTHER_CODES = frozenset(list_currencies()) - set(RATES)
# The currency's symbol before the number ("$185k") or after it, as German and Portuguese
# write it ("185.000 €"); its code after.
_AMOUNT = re.compile(
    rf"^\s*(?P<sym>{SYMBOL_PATTERN})?\s*(?P<num>{NUMBER_PATTERN})\s*"
    rf"(?P<mult>k|m|mm|thousand|million|mil|mio\.?)?"
    rf"\s*(?:(?P<code>[a-z]{{3}})|(?P<after>{SYMBOL_PATTERN}))?\s*$",
    re.IGNORECASE,
)
# "mil" and "Mio." as Portuguese and German write thousands and millions.
_MULTIPLIERS = {
    "k": 1e3,
    "thousand": 1e3,
    "mil": 1e3,
    "m": 1e6,
    "mm": 1e6,
    "million": 1e6,
    "mio": 1e6,
    "mio.": 1e6,
}
_SHARES = re.compile(
    r"^\s*(?P<count>[\d,.]+\s*[km]?)\s*(?:shares?|units?|rsus?|options?)?\s*"
    r"(?:x|×|\*|@|at)\s*(?P<price>.+?)\s*(?:(?:/|per|a|each)\s*(?:share|unit|rsu)?)?\s*$",
    re.IGNORECASE,
)


class Money(Frozen):
    amount: float
    currency: str | None  # the currency the text named, if it named one


def _money_text(field: str, text: str) -> Money:
    m = _AMOUNT.match(text)
    number = read_number(m["num"], scaled=bool(m["mult"])) if m is not None else None
    if m is None or number is None:
        raise QueryError(
            field,
            said(
                "Couldn't read the {name} '{text}' as an amount: "
                "try 185k, 185,000, $185,000 or 1.2M.",
                name=term_name(field),
                text=echoed(text),
            ),
        )
    value = number * _MULTIPLIERS.get((m["mult"] or "").lower(), 1.0)
    currency = _currency_of(field, m["sym"] or m["after"], m["code"])
    return Money(amount=value, currency=currency)


def _currency_of(field: str, symbol: str | None, code: str | None) -> str | None:
    named = SYMBOL_CODES[symbol.lower()] if symbol else None
    if code:
        upper = code.upper()
        if upper not in RATES:
            raise QueryError(
                field,
                said(
                    "Unsupported currency '{code}' in the {name}: use a three-letter code such "
                    "as USD, EUR or INR (the currency option lists all {count}).",
                    code=echoed(code, 8),
                    name=term_name(field),
                    count=Count(len(RATES)),
                ),
            )
        if named is not None and named != upper:
            raise QueryError(field, said("The {name} names two currencies.", name=term_name(field)))
        named = upper
    return named


def parse_amount(field: str, text: str) -> Money:
    """ "185k", "185,000", "$185,000", "1.2M", "150k EUR" -> the amount and any currency named."""
    bounded(field, text)
    not_negative(field, text)
    return _money_text(field, text)


class OfferTerms(Frozen):
    """What an offer letter says, read and checked; amounts in `currency` (None: not named)."""

    base: float
    bonus: float  # the yearly target bonus as an amount
    bonus_percent: float | None  # as the letter put it, when a percentage
    equity: float  # the whole grant's value
    vesting: Vesting
    sign_on: float
    currency: str | None


def _bonus(text: str | None, base: float) -> tuple[Money, float | None]:
    if text is None or not text.strip():
        return Money(amount=0.0, currency=None), None
    bounded("bonus", text)
    not_negative("bonus", text)
    stripped = text.strip()
    percent_text = stripped.removesuffix("%").strip()
    bare = re.fullmatch(r"\d+(?:\.\d+)?", percent_text)
    # "15%" or a bare "15": a yearly bonus below 1,000 in money is not what anyone means.
    if bare and (stripped.endswith("%") or float(percent_text) < MIN_BASE):
        percent = float(percent_text)
        if percent > MAX_BONUS_PERCENT:
            raise QueryError(
                "bonus",
                said(
                    "A bonus of {percent}% is over {most}% of base.",
                    percent=format(percent, "g"),
                    most=format(MAX_BONUS_PERCENT, "g"),
                ),
            )
        return Money(amount=base * percent / 100, currency=None), percent
    money = parse_amount("bonus", stripped)
    if money.amount > base * MAX_BONUS_PERCENT / 100:
        raise QueryError(
            "bonus",
            said("That bonus is over {most}% of the base.", most=format(MAX_BONUS_PERCENT, "g")),
        )
    return money, None


def _equity(text: str | None) -> Money:
    if text is None or not text.strip():
        return Money(amount=0.0, currency=None)
    bounded("equity", text)
    not_negative("equity", text)
    grant = _SHARES.match(text)
    if grant is not None:
        count = parse_amount("shares", grant["count"])
        price = parse_amount("price", grant["price"])
        money = Money(amount=count.amount * price.amount, currency=price.currency)
    else:
        money = parse_amount("equity", text)
    _check_equity(money.amount, money.currency)
    return money


def _check_base(amount: float, currency: str | None) -> None:
    if amount > bound(MAX_BASE_USD, currency):
        limit = bound_words(MAX_BASE_USD, currency)
        raise QueryError(
            "base", said("A base salary over {limit} a year is out of range.", limit=limit)
        )


def _check_sign_on(amount: float, currency: str | None) -> None:
    if amount > bound(MAX_SIGN_ON_USD, currency):
        limit = bound_words(MAX_SIGN_ON_USD, currency)
        raise QueryError(
            "sign_on", said("A sign-on bonus over {limit} is out of range.", limit=limit)
        )


def _check_equity(amount: float, currency: str | None) -> None:
    if amount > bound(MAX_EQUITY_USD, currency):
        limit = bound_words(MAX_EQUITY_USD, currency)
        raise QueryError(
            "equity", said("That equity grant is over {limit}: check the figure.", limit=limit)
        )


def parse_offer(
    *,
    base: str,
    bonus: str | None = None,
    equity: str | None = None,
    vesting: str | None = None,
    sign_on: str | None = None,
) -> OfferTerms:
    """Read an offer as typed; any problem is a QueryError naming the field."""
    if base is None or not str(base).strip():
        raise QueryError("base", said("The base salary is needed: e.g. 185k."))
    base_money = parse_amount("base", base)
    _check_base(base_money.amount, base_money.currency)
    if base_money.amount < MIN_BASE:
        raise QueryError(
            "base",
            said(
                "A base of {amount} a year looks like a typo: did you mean {amount}k?",
                amount=format(base_money.amount, "g"),
            ),
        )
    bonus_money, percent = _bonus(bonus, base_money.amount)
    equity_money = _equity(equity)
    sign_money = (
        parse_amount("sign_on", sign_on)
        if sign_on is not None and sign_on.strip()
        else Money(amount=0.0, currency=None)
    )
    _check_sign_on(sign_money.amount, sign_money.currency)
    schedule = parse_vesting(vesting)
    named = {
        name: money.currency
        for name, money in (
            ("base", base_money),
            ("bonus", bonus_money),
            ("equity", equity_money),
            ("sign_on", sign_money),
        )
        if money.currency is not None
    }
    if len(set(named.values())) > 1:
        field = list(named)[-1]
        raise QueryError(
            field, said("The amounts name different currencies: use one for the offer.")
        )
    return OfferTerms(
        base=base_money.amount,
        bonus=bonus_money.amount,
        bonus_percent=percent,
        equity=equity_money.amount,
        vesting=schedule,
        sign_on=sign_money.amount,
        currency=next(iter(named.values()), None),
    )


def offer_currency(offers: list[OfferTerms], typed: str | None, fallback: str) -> str:
    """The currency offers are weighed in: the one their amounts name, else the asked one.

    `typed` is a currency the person typed for this answer; one from a profile yields.
    """
    named = {terms.currency for terms in offers if terms.currency}
    if len(named) > 1:
        raise QueryError("currency", said("The offers name different currencies: use one."))
    found = next(iter(named), None)
    if found and typed and normalise_code(typed) != found:
        raise QueryError(
            "currency",
            said(
                "The amounts are in {found} but the currency asked is {typed}.",
                found=found,
                typed=typed,
            ),
        )
    currency = found or fallback
    # Amounts typed without a currency are in this one: bound them in it.
    for terms in offers:
        _check_base(terms.base, currency)
        _check_sign_on(terms.sign_on, currency)
        _check_equity(terms.equity, currency)
    return currency
