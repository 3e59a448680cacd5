"""The counter-offer under an offer check: what to ask for, why, and what to say.

Each reason and each script is one whole message, so a translation words the argument in its
own grammar; the amounts and percentiles fill it in the reader's format.
"""

from __future__ import annotations

import math

from bot.render.offer_words import person_in_band
from bot.render.phrases import money
from bot.render.wording import word
from bot.render.words import N_, _
from bot.salary.offer import OfferReview
from bot.salary.query import SalaryQuery

KEEP_BASE = N_("Counter-offer: keep the base, ask for a larger sign-on or grant")
ASK_FOR = N_("Counter-offer: ask for {ask} base ({percentile})")

WHY_TOP = N_(
    "Why: the base is {percentile} ({p90} and up), where more base is hard to argue for: "
    "keep it and ask for a larger sign-on bonus or grant instead."
)
WHY_IN_STRONG = N_(
    "Why: the base is {percentile}, inside P65-P75 ({low}-{high}); its top, {ask}, "
    "{ask_percentile}, is a fair ask."
)
WHY_ABOVE_CAPPED = N_(
    "Why: the base is {percentile}, already above P75; 5% more would pass P90, so the ask is "
    "the top of the band ({ask}, {ask_percentile})."
)
WHY_ABOVE = N_(
    "Why: the base is {percentile}, already above P75, so a modest step up: 5% more "
    "({ask}, {ask_percentile})."
)
WHY_UNDER = N_(
    "Why: the base is {percentile}, under P65-P75 ({low}-{high}), where a strong candidate can "
    "argue to be; the ask is the middle of it ({ask}, {ask_percentile})."
)
WHY_UNDER_CAPPED = N_(
    "Why: the base is {percentile}, under P65-P75 ({low}-{high}), where a strong candidate can "
    "argue to be. P70 ({aim}) would be {over}% over the offer, so the ask is capped at 15% over "
    "it ({ask}, {ask_percentile}): larger counters rarely land."
)

SAY_TOP = N_(
    '"Thank you, the base is strong. For {who}, could we look at a larger sign-on bonus or '
    'grant instead?"'
)
SAY_STRONG_RANGE = N_(
    "\"I'm excited about the role. For {who}, the market band puts a strong candidate at "
    '{low}-{high} base. Could we move my base to {ask}?"'
)
SAY_BELOW_P10 = N_(
    "\"I'm excited about the role. For {who}, {ask} would still be below the 10th percentile "
    'of the market band. Could we move my base to {ask}?"'
)
# English ordinals by their last digits ("21st", "52nd", "13th"); one message for each ending.
SAY_AT_PERCENTILE = {
    "st": N_(
        "\"I'm excited about the role. For {who}, {ask} would be about the {number}st "
        'percentile of the market band. Could we move my base to {ask}?"'
    ),
    "nd": N_(
        "\"I'm excited about the role. For {who}, {ask} would be about the {number}nd "
        'percentile of the market band. Could we move my base to {ask}?"'
    ),
    "rd": N_(
        "\"I'm excited about the role. For {who}, {ask} would be about the {number}rd "
        'percentile of the market band. Could we move my base to {ask}?"'
    ),
    "th": N_(
        "\"I'm excited about the role. For {who}, {ask} would be about the {number}th "
        'percentile of the market band. Could we move my base to {ask}?"'
    ),
}


def ordinal_ending(number: int) -> str:
    """21 -> "st", 52 -> "nd", 13 -> "th"."""
    if 10 <= number % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")


def counter_heading(review: OfferReview) -> str:
    counter = review.counter
    if counter.reason == "top":
        return _(KEEP_BASE)
    return _(
        ASK_FOR, ask=money(counter.ask, review.currency), percentile=word(counter.placement.text())
    )


def counter_reason(review: OfferReview) -> str:
    """Why this ask: where the base is, what the rule aims at, and any cap, in the ask's terms."""
    counter, cur = review.counter, review.currency
    facts = {
        "percentile": word(review.placement.text()),
        "low": money(counter.strong_low, cur),
        "high": money(counter.strong_high, cur),
        "ask": money(counter.ask, cur),
        "ask_percentile": word(counter.placement.text()),
    }
    if counter.reason == "top":
        return _(WHY_TOP, p90=money(review.band.p90, cur), **facts)
    if counter.reason == "in_strong":
        return _(WHY_IN_STRONG, **facts)
    if counter.reason == "above_strong":
        return _(WHY_ABOVE_CAPPED if counter.capped else WHY_ABOVE, **facts)
    if not counter.capped:
        return _(WHY_UNDER, **facts)
    over = round((counter.aim / review.terms.base - 1) * 100)
    return _(WHY_UNDER_CAPPED, aim=money(counter.aim, cur), over=over, **facts)


def counter_script(review: OfferReview, query: SalaryQuery) -> str:
    """What to say: it argues for the ask and no more, from the same band as the reason."""
    counter, cur = review.counter, review.currency
    who = person_in_band(query)
    ask = money(counter.ask, cur)
    if counter.reason == "top":
        return _(SAY_TOP, who=who)
    if counter.reason != "above_strong" and not counter.capped:
        low, high = money(counter.strong_low, cur), money(counter.strong_high, cur)
        return _(SAY_STRONG_RANGE, who=who, low=low, high=high, ask=ask)
    # Outside the strong range the ask stands on its own place in the band.
    placement = counter.placement
    if placement.position == "below":
        return _(SAY_BELOW_P10, who=who, ask=ask)
    number = math.floor(placement.percentile + 0.5)
    return _(SAY_AT_PERCENTILE[ordinal_ending(number)], who=who, ask=ask, number=number)
