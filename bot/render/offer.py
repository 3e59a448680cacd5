"""Offers as cards: one checked against the band, two side by side, a range from a message.

Their charts are drawn in offer_chart.
"""

from __future__ import annotations

import math

from bot.render.card import Card
from bot.render.phrases import (
    band_text,
    clip,
    count,
    describe_person,
    lines_within,
    money,
    sample_text,
)
from bot.salary import taxonomy
from bot.salary.offer import COMPARE_YEARS, OfferReview, Placement, winner
from bot.salary.offer_terms import OfferTerms
from bot.salary.pay_range import PayRange
from bot.salary.query import SalaryQuery
from bot.salary.results import SalaryEstimate

ASSUMED = (
    "Assumed: base flat every year (no raises), bonus paid at target, equity at the grant "
    "value (flat stock price), sign-on paid in year one. Percentiles are log-linear between "
    "the band's P10-P90; outside it they read below P10 or above P90."
)


def person_in_band(query: SalaryQuery) -> str:
    """ "senior Machine Learning Engineer in Seattle, WA"; "any senior role in ..." with no role."""
    level = query.effective_level
    level_word = taxonomy.label("level", level).split(" (")[0].lower() if level else None
    if query.role:
        role = taxonomy.label("role", query.role)
        who = f"{level_word} {role}" if level_word else role
    else:
        who = f"any {level_word} role" if level_word else "any role"
    place = taxonomy.label("location", query.location) if query.location else "any location"
    return f"{who} in {place}"


# Acronyms are read letter by letter: "an ML engineer", "an AI engineer", "a DS".
_VOWEL_SOUND_LETTERS = frozenset("AEFHILMNORSX")


def with_article(phrase: str) -> str:
    """ "an entry Machine Learning Engineer", "a senior ...", "an AI Engineer"; "any role" as is."""
    word = phrase.split(" ", 1)[0]
    if word.lower() == "any":
        return phrase
    acronym = len(word) > 1 and word[:2].isupper()
    vowel = word[0] in _VOWEL_SOUND_LETTERS if acronym else word[0].lower() in "aeiou"
    return f"{'an' if vowel else 'a'} {phrase}"


def a_person_in_band(query: SalaryQuery) -> str:
    return with_article(person_in_band(query))


def terms_line(terms: OfferTerms, currency: str) -> str:
    bonus = (
        f"{terms.bonus_percent:g}% ({money(terms.bonus, currency)})"
        if terms.bonus_percent is not None
        else money(terms.bonus, currency)
    )
    equity = (
        f"{money(terms.equity, currency)} vesting {terms.vesting.describe()}"
        if terms.equity
        else "none"
    )
    return (
        f"Base {money(terms.base, currency)} · bonus {bonus} · equity {equity} · "
        f"sign-on {money(terms.sign_on, currency)}"
    )


def year_lines(review: OfferReview) -> list[str]:
    cur = review.currency
    lines = ["`Year   Base  Bonus Equity Sign-on  Total`"]
    for row in review.rows:
        cells = (row.base, row.bonus, row.equity, row.sign_on, row.total)
        lines.append(
            f"`{row.year:>4} "
            + " ".join(f"{money(v, cur):>6}" for v in cells[:3])
            + f" {money(cells[3], cur):>7} {money(cells[4], cur):>6}`"
        )
    return lines


def ordinal(number: int) -> str:
    """21 -> "21st", 52 -> "52nd", 13 -> "13th"."""
    suffix = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix}"


def counter_heading(review: OfferReview) -> str:
    counter = review.counter
    if counter.reason == "top":
        return "Counter-offer: keep the base, ask for a larger sign-on or grant"
    ask = money(counter.ask, review.currency)
    return f"Counter-offer: ask for {ask} base ({counter.placement.label()})"


def counter_reason(review: OfferReview) -> str:
    """Why this ask: where the base is, what the rule aims at, and any cap, in the ask's terms."""
    counter, cur = review.counter, review.currency
    place, band = review.placement.label(), review.band
    strong = f"P65-P75 ({money(counter.strong_low, cur)}-{money(counter.strong_high, cur)})"
    ask = f"{money(counter.ask, cur)}, {counter.placement.label()}"
    if counter.reason == "top":
        return (
            f"the base is {place} ({money(band.p90, cur)} and up), where more base is hard to "
            "argue for: keep it and ask for a larger sign-on bonus or grant instead"
        )
    if counter.reason == "in_strong":
        return f"the base is {place}, inside {strong}; its top, {ask}, is a fair ask"
    if counter.reason == "above_strong":
        if counter.capped:
            return (
                f"the base is {place}, already above P75; 5% more would pass P90, so the ask "
                f"is the top of the band ({ask})"
            )
        return f"the base is {place}, already above P75, so a modest step up: 5% more ({ask})"
    said = f"the base is {place}, under {strong}, where a strong candidate can argue to be"
    if not counter.capped:
        return f"{said}; the ask is the middle of it ({ask})"
    over = round((counter.aim / review.terms.base - 1) * 100)
    return (
        f"{said}. P70 ({money(counter.aim, cur)}) would be {over}% over the offer, so the ask "
        f"is capped at 15% over it ({ask}): larger counters rarely land"
    )


def counter_script(review: OfferReview, query: SalaryQuery) -> str:
    """What to say: it argues for the ask and no more, from the same band as the reason."""
    counter, cur = review.counter, review.currency
    who = a_person_in_band(query)
    ask = money(counter.ask, cur)
    if counter.reason == "top":
        return (
            f'"Thank you, the base is strong. For {who}, could we look at '
            'a larger sign-on bonus or grant instead?"'
        )
    if counter.reason == "above_strong" or counter.capped:
        # Outside the strong range the ask stands on its own place in the band.
        grounds = f"{ask} {_percentile_words(counter.placement)} of the market band"
    else:
        grounds = (
            f"the market band puts a strong candidate at {money(counter.strong_low, cur)}-"
            f"{money(counter.strong_high, cur)} base"
        )
    return f'"I\'m excited about the role. For {who}, {grounds}. Could we move my base to {ask}?"'


def _percentile_words(placement: Placement) -> str:
    if placement.position == "below":
        return "would still be below the 10th percentile"
    return f"would be about the {ordinal(math.floor(placement.percentile + 0.5))} percentile"


def band_sample(estimate: SalaryEstimate) -> str:
    """What the band the offer is weighed against rests on, and its thin-data notes."""
    sample = sample_text(estimate.sample or count(estimate.sample_size, "posting"), estimate.thin)
    thin_notes = [n for n in estimate.notes if n.startswith(("Thin data", "Too little data"))]
    return lines_within([sample, *thin_notes])


def offer_card(review: OfferReview, estimate: SalaryEstimate, note: str | None) -> Card:
    cur, query = review.currency, estimate.query
    place = review.placement.label()
    card = Card(f"Offer check · {describe_person(query)}").head(
        f"The base {money(review.terms.base, cur)} is **{place}** for {a_person_in_band(query)}.",
        terms_line(review.terms, cur),
    )
    card.section("Base band", [band_text(review.band, cur)])
    card.section(
        "What it pays",
        [
            f"First year **{money(review.first_year, cur)}** · average over {len(review.rows)} "
            f"years **{money(review.average_year, cur)}** · {COMPARE_YEARS}-year total "
            f"**{money(review.four_year, cur)}**"
        ],
    )
    card.section("Year by year", year_lines(review))
    card.chart(f"Pay by year for this offer: base, bonus, vested equity and sign-on ({cur})")
    card.rule()
    card.section(
        counter_heading(review),
        [f"Why: {counter_reason(review)}.", counter_script(review, query)],
    )
    _notes_and_sample(card, note, estimate)
    card.footer(f"Band from {estimate.cell} · nothing is stored unless you save it")
    return card


def _notes_and_sample(card: Card, note: str | None, estimate: SalaryEstimate) -> None:
    card.section("Notes", [*([note] if note else []), ASSUMED])
    card.section("Sample", band_sample(estimate).splitlines())


WINNER_TEXT = {"first": "Offer A", "second": "Offer B", "tie": "A tie (within 0.5%)"}


def compare_card(
    first: OfferReview, second: OfferReview, estimate: SalaryEstimate, note: str | None
) -> Card:
    cur, query = first.currency, estimate.query
    year_one = winner(first.first_year, second.first_year)
    four = winner(first.four_year, second.four_year)
    card = Card(f"Two offers · {describe_person(query)}").head(
        f"Year one: **{WINNER_TEXT[year_one]}** "
        f"({money(first.first_year, cur)} vs {money(second.first_year, cur)}). "
        f"Over {COMPARE_YEARS} years: **{WINNER_TEXT[four]}** "
        f"({money(first.four_year, cur)} vs {money(second.four_year, cur)})."
    )
    for name, review in (("Offer A", first), ("Offer B", second)):
        card.section(
            name,
            [
                terms_line(review.terms, cur),
                f"Base {review.placement.label()} for {a_person_in_band(query)}.",
                *year_lines(review),
            ],
        )
    card.chart(f"Pay by year for offers A and B: base, bonus, vested equity and sign-on ({cur})")
    card.rule()
    _notes_and_sample(card, note, estimate)
    card.footer("Nothing is stored unless you save it")
    return card


def range_card(
    found: PayRange,
    low: Placement | None,
    high: Placement | None,
    estimate: SalaryEstimate,
    note: str | None,
) -> Card:
    cur, query = estimate.currency, estimate.query
    who = a_person_in_band(query)
    if low is not None and high is not None and found.low is not None and found.high is not None:
        said = (
            f"{money(found.low, cur)}-{money(found.high, cur)} runs from **{low.label()}** "
            f"to **{high.label()}** for {who}."
        )
    elif high is not None and found.high is not None:
        said = f"Up to {money(found.high, cur)} tops out at **{high.label()}** for {who}."
    else:
        assert low is not None and found.low is not None
        said = f"From {money(found.low, cur)} starts at **{low.label()}** for {who}."
    card = Card("Salary range check").head(said)
    card.section("Range found", [clip(found.text, 100) or "—"])
    card.section("Base band", [band_text(estimate.base, cur)])
    if note:
        card.section("Notes", [note])
    card.footer(f"Band from {estimate.cell}")
    return card
