"""An offer letter as typed, read and checked: amounts, currencies, vesting. No Discord.

Rules the answers state:
  amounts      185k, 185,000, $185,000, 1.2M, 150k EUR; a symbol or code names the currency
  bonus        a percentage of base (15%, or a bare number under 1,000) or an amount
  equity       the whole grant, or shares times price (2,000 shares x $50)
  vesting      yearly percentages (25/25/25/25 by default) with a cliff in months (12 by
               default); nothing vests before the cliff, and what accrued until then vests
               at it, so each year-end holds the schedule's running total once past the cliff
"""

from __future__ import annotations

import re

from babel.numbers import list_currencies
from pydantic import BaseModel, ConfigDict

from .amount_bounds import MAX_BASE_USD, MAX_EQUITY_USD, MAX_SIGN_ON_USD, bound, bound_words
from .currency import RATES, SYMBOL_PATTERN, SYMBOLS, normalise_code
from .errors import QueryError

MIN_BASE = 1_000  # a yearly base under this is a typo ("185" for 185k)
# What Discord lets a person type in a term; longer text is refused before it is read.
MAX_TERM_TEXT = 60
MAX_BONUS_PERCENT = 500.0
MAX_VESTING_YEARS = 10
MAX_CLIFF_MONTHS = 120
# 33/33/33 is how people write thirds: a sum within this of 100 is scaled to 100.
SUM_TOLERANCE = 1.0
DEFAULT_SHARES = (25.0, 25.0, 25.0, 25.0)
DEFAULT_CLIFF_MONTHS = 12

SYMBOL_CODES = {symbol.lower(): code for symbol, code in SYMBOLS.items()}
# ISO codes the model has no rate for, so "150k VES" is refused instead of read as USD.
OTHER_CODES = frozenset(list_currencies()) - set(RATES)
_NUMBER = r"\d[\d,]*(?:\.\d+)?|\.\d+"
_AMOUNT = re.compile(
    rf"^\s*(?P<sym>{SYMBOL_PATTERN})?\s*(?P<num>{_NUMBER})\s*(?P<mult>k|m|mm|thousand|million)?"
    rf"\s*(?P<code>[a-z]{{3}})?\s*$",
    re.IGNORECASE,
)
_MULTIPLIERS = {"k": 1e3, "thousand": 1e3, "m": 1e6, "mm": 1e6, "million": 1e6}
_SHARES = re.compile(
    r"^\s*(?P<count>[\d,.]+\s*[km]?)\s*(?:shares?|units?|rsus?|options?)?\s*"
    r"(?:x|×|\*|@|at)\s*(?P<price>.+?)\s*(?:(?:/|per|a|each)\s*(?:share|unit|rsu)?)?\s*$",
    re.IGNORECASE,
)
_CLIFF = re.compile(
    r"(?:(?P<n>\d+(?:\.\d+)?)\s*(?P<unit>m|mo|months?|y|yr|years?)?[\s-]*cliff"
    r"|cliff\s*(?:of\s*)?(?P<n2>\d+(?:\.\d+)?)\s*(?P<unit2>m|mo|months?|y|yr|years?)?"
    r"|(?P<none>no\s+cliff))",
    re.IGNORECASE,
)
# A year's share as digits only: "nan", "inf" and "1e3" are no percentages.
_PERCENT = re.compile(r"\d+(?:\.\d+)?|\.\d+")
_MINUS = re.compile(r"(?:^|[/,;\-−])\s*[-−]\s*[\d.]|−")
_EVEN = re.compile(r"^(?P<n>\d{1,2})\s*(?:y|yr|yrs|years?)(?:\s*(?:even|evenly|linear))?$")


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class Money(Frozen):
    amount: float
    currency: str | None  # the currency the text named, if it named one


def _money_text(field: str, text: str) -> Money:
    m = _AMOUNT.match(text.replace("\u00a0", " "))
    if m is None:
        raise QueryError(
            field,
            f"Couldn't read the {_NAMES[field]} '{_clip(text)}' as an amount: "
            "try 185k, 185,000, $185,000 or 1.2M.",
        )
    number = m["num"].replace(",", "")
    value = float(number) * _MULTIPLIERS.get((m["mult"] or "").lower(), 1.0)
    currency = _currency_of(field, m["sym"], m["code"])
    return Money(amount=value, currency=currency)


def _currency_of(field: str, symbol: str | None, code: str | None) -> str | None:
    named = SYMBOL_CODES[symbol.lower()] if symbol else None
    if code:
        upper = code.upper()
        if upper not in RATES:
            raise QueryError(
                field,
                f"Unsupported currency '{_clip(code, 8)}' in the {_NAMES[field]}: use a "
                "three-letter code such as USD, EUR or INR (the currency option lists "
                f"all {len(RATES)}).",
            )
        if named is not None and named != upper:
            raise QueryError(field, f"The {_NAMES[field]} names two currencies.")
        named = upper
    return named


def _bounded(field: str, text: str) -> str:
    if len(text) > MAX_TERM_TEXT:
        raise QueryError(
            field,
            f"The {_NAMES[field]} is too long ({len(text)} characters): "
            f"keep it under {MAX_TERM_TEXT}.",
        )
    return text


def parse_amount(field: str, text: str) -> Money:
    """ "185k", "185,000", "$185,000", "1.2M", "150k EUR" -> the amount and any currency named."""
    _bounded(field, text)
    if re.match(r"^\s*[-−]", text):
        raise QueryError(field, f"The {_NAMES[field]} can't be negative.")
    return _money_text(field, text)


class Vesting(Frozen):
    shares: tuple[float, ...]  # percent of the grant vesting in each year, summing to 100
    cliff_months: int

    @property
    def years(self) -> int:
        return len(self.shares)

    def vested_by_year(self) -> tuple[float, ...]:
        """The fraction of the grant that vests in each year of the schedule."""
        out: list[float] = []
        before = 0.0
        running = 0.0
        for year, share in enumerate(self.shares, 1):
            running += share
            held = running if year * 12 >= self.cliff_months else 0.0
            out.append((held - before) / 100)
            before = held
        return tuple(out)

    def describe(self) -> str:
        if self.shares == DEFAULT_SHARES[: self.years] and self.cliff_months == 12:
            return f"{self.years} years, 1-year cliff"
        split = "/".join(f"{share:g}" for share in self.shares)
        if self.cliff_months % 12 == 0 and self.cliff_months:
            cliff = f"{self.cliff_months // 12}-year cliff"
        else:
            cliff = f"{self.cliff_months}-month cliff" if self.cliff_months else "no cliff"
        return f"{split} over {self.years} years, {cliff}"


DEFAULT_VESTING = Vesting(shares=DEFAULT_SHARES, cliff_months=DEFAULT_CLIFF_MONTHS)


def parse_vesting(text: str | None) -> Vesting:
    """ "33/33/22/12", "5/15/40/40", "3 years", "25/25/25/25 6 month cliff", "no cliff"."""
    if text is None or not text.strip():
        return DEFAULT_VESTING
    raw = " ".join(_bounded("vesting", text).lower().split())
    cliff = DEFAULT_CLIFF_MONTHS
    found = _CLIFF.search(raw)
    if found is not None:
        cliff = _cliff_months(found)
        raw = (raw[: found.start()] + raw[found.end() :]).strip(" ,;")
    raw = raw.replace("%", "")
    shares: tuple[float, ...]
    if not raw:
        shares = DEFAULT_SHARES
    elif even := _EVEN.match(raw):
        years = int(even["n"])
        if not 1 <= years <= MAX_VESTING_YEARS:
            raise QueryError("vesting", f"A vesting schedule runs 1 to {MAX_VESTING_YEARS} years.")
        shares = tuple(100 / years for _ in range(years))
    else:
        shares = _split_shares(raw, text)
    if cliff > len(shares) * 12:
        raise QueryError(
            "vesting",
            f"The {cliff}-month cliff is longer than the {len(shares)}-year schedule.",
        )
    return Vesting(shares=shares, cliff_months=cliff)


def _cliff_months(found: re.Match[str]) -> int:
    if found["none"]:
        return 0
    number = float(found["n"] or found["n2"])
    unit = (found["unit"] or found["unit2"] or "m").lower()
    months = number * 12 if unit.startswith("y") else number
    if months != int(months) or not 0 <= months <= MAX_CLIFF_MONTHS:
        raise QueryError("vesting", f"The cliff must be whole months, 0 to {MAX_CLIFF_MONTHS}.")
    return int(months)


def _split_shares(raw: str, text: str) -> tuple[float, ...]:
    # A dash between numbers separates years (25-25-25-25); one opening a year is a minus sign.
    if _MINUS.search(raw):
        raise QueryError("vesting", "A year of the vesting schedule can't be negative.")
    parts = [part for part in re.split(r"[/,;\s-]+", raw) if part]
    if not all(_PERCENT.fullmatch(part) for part in parts):
        raise QueryError(
            "vesting",
            f"Couldn't read the vesting schedule '{_clip(text)}': write yearly percentages "
            "such as 25/25/25/25 or 5/15/40/40, or a length such as 3 years.",
        )
    values = [float(part) for part in parts]
    if not 1 <= len(values) <= MAX_VESTING_YEARS:
        raise QueryError("vesting", f"A vesting schedule runs 1 to {MAX_VESTING_YEARS} years.")
    total = sum(values)
    if abs(total - 100) > SUM_TOLERANCE:
        raise QueryError("vesting", f"The vesting schedule adds up to {total:g}%, not 100%.")
    return tuple(value * 100 / total for value in values)


class OfferTerms(Frozen):
    """What an offer letter says, read and checked; amounts in `currency` (None: not named)."""

    base: float
    bonus: float  # the yearly target bonus as an amount
    bonus_percent: float | None  # as the letter put it, when a percentage
    equity: float  # the whole grant's value
    vesting: Vesting
    sign_on: float
    currency: str | None


_NAMES = {
    "base": "base salary",
    "bonus": "bonus",
    "equity": "equity",
    "sign_on": "sign-on bonus",
    "vesting": "vesting schedule",
    "price": "share price",
    "shares": "share count",
}


def _clip(text: str, limit: int = 30) -> str:
    one_line = " ".join(str(text).split())
    return one_line if len(one_line) <= limit else one_line[: limit - 1] + "…"


def _bonus(text: str | None, base: float) -> tuple[Money, float | None]:
    if text is None or not text.strip():
        return Money(amount=0.0, currency=None), None
    _bounded("bonus", text)
    if re.match(r"^\s*[-−]", text):
        raise QueryError("bonus", "The bonus can't be negative.")
    stripped = text.strip()
    percent_text = stripped.removesuffix("%").strip()
    bare = re.fullmatch(r"\d+(?:\.\d+)?", percent_text)
    # "15%" or a bare "15": a yearly bonus below 1,000 in money is not what anyone means.
    if bare and (stripped.endswith("%") or float(percent_text) < MIN_BASE):
        percent = float(percent_text)
        if percent > MAX_BONUS_PERCENT:
            raise QueryError(
                "bonus", f"A bonus of {percent:g}% is over {MAX_BONUS_PERCENT:g}% of base."
            )
        return Money(amount=base * percent / 100, currency=None), percent
    money = parse_amount("bonus", stripped)
    if money.amount > base * MAX_BONUS_PERCENT / 100:
        raise QueryError("bonus", f"That bonus is over {MAX_BONUS_PERCENT:g}% of the base.")
    return money, None


def _equity(text: str | None) -> Money:
    if text is None or not text.strip():
        return Money(amount=0.0, currency=None)
    _bounded("equity", text)
    if re.match(r"^\s*[-−]", text):
        raise QueryError("equity", "The equity can't be negative.")
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
        words = bound_words(MAX_BASE_USD, currency)
        raise QueryError("base", f"A base salary over {words} a year is out of range.")


def _check_sign_on(amount: float, currency: str | None) -> None:
    if amount > bound(MAX_SIGN_ON_USD, currency):
        words = bound_words(MAX_SIGN_ON_USD, currency)
        raise QueryError("sign_on", f"A sign-on bonus over {words} is out of range.")


def _check_equity(amount: float, currency: str | None) -> None:
    if amount > bound(MAX_EQUITY_USD, currency):
        words = bound_words(MAX_EQUITY_USD, currency)
        raise QueryError("equity", f"That equity grant is over {words}: check the figure.")


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
        raise QueryError("base", "The base salary is needed: e.g. 185k.")
    base_money = parse_amount("base", base)
    _check_base(base_money.amount, base_money.currency)
    if base_money.amount < MIN_BASE:
        raise QueryError(
            "base",
            f"A base of {base_money.amount:g} a year looks like a typo: "
            f"did you mean {base_money.amount:g}k?",
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
        raise QueryError(field, "The amounts name different currencies: use one for the offer.")
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
        raise QueryError("currency", "The offers name different currencies: use one.")
    found = next(iter(named), None)
    if found and typed and normalise_code(typed) != found:
        raise QueryError(
            "currency", f"The amounts are in {found} but the currency asked is {typed}."
        )
    currency = found or fallback
    # Amounts typed without a currency are in this one: bound them in it.
    for terms in offers:
        _check_base(terms.base, currency)
        _check_sign_on(terms.sign_on, currency)
        _check_equity(terms.equity, currency)
    return currency
