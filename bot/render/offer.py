"""Offers as cards: one checked against the band, two side by side, a range from a message.

Their shared words are in offer_words, the counter-offer in offer_counter, the chart in
offer_chart.
"""

from __future__ import annotations

from bot.render.card import Card
from bot.render.locale import ANSWER_LOCALE
from bot.render.offer_counter import counter_heading, counter_reason, counter_script
from bot.render.offer_words import person_in_band, terms_line, year_lines
from bot.render.phrases import band_text, clip, describe_person, lines_within, money, sample_text
from bot.render.wording import word
from bot.render.words import N_, _, ngettext
from bot.salary.basis import THIN_NOTES
from bot.salary.currency import format_number
from bot.salary.offer import COMPARE_YEARS, OfferReview, Placement, winner
from bot.salary.pay_range import PayRange
from bot.salary.results import SalaryEstimate
from bot.salary.said import Said

ASSUMED = N_(
    "Assumed: base flat every year (no raises), bonus paid at target, equity at the grant "
    "value (flat stock price), sign-on paid in year one. Percentiles are log-linear between "
    "the band's P10-P90; outside it they read below P10 or above P90."
)


def band_sample(estimate: SalaryEstimate) -> str:
    """What the band the offer is weighed against rests on, and its thin-data notes."""
    size = estimate.sample_size
    counted = ngettext(
        "{count} posting", "{count} postings", size, count=format_number(size, ANSWER_LOCALE.get())
    )
    sample = sample_text(word(estimate.said_sample) or counted, estimate.thin)
    # The notes that say the sample is thin, shown under the band they concern.
    thin_notes = [
        word(note)
        for note in estimate.said_notes
        if isinstance(note, Said) and note.key in THIN_NOTES
    ]
    return lines_within([sample, *thin_notes])


def offer_card(review: OfferReview, estimate: SalaryEstimate, note: str | None) -> Card:
    cur, query = review.currency, estimate.query
    card = Card(_("Offer check · {person}", person=describe_person(query))).head(
        _(
            "The base {amount} is **{percentile}** for {who}.",
            amount=money(review.terms.base, cur),
            percentile=word(review.placement.text()),
            who=person_in_band(query),
        ),
        terms_line(review.terms, cur),
    )
    card.section(_("Base band"), [band_text(review.band, cur)])
    years = len(review.rows)
    card.section(
        _("What it pays"),
        [
            ngettext(
                "First year **{first}** · average over {count} year **{average}** · "
                "{span}-year total **{total}**",
                "First year **{first}** · average over {count} years **{average}** · "
                "{span}-year total **{total}**",
                years,
                first=money(review.first_year, cur),
                average=money(review.average_year, cur),
                span=COMPARE_YEARS,
                total=money(review.four_year, cur),
            )
        ],
    )
    card.section(_("Year by year"), year_lines(review))
    card.chart(
        _(
            "Pay by year for this offer: base, bonus, vested equity and sign-on ({currency})",
            currency=cur,
        )
    )
    card.rule()
    card.section(counter_heading(review), [counter_reason(review), counter_script(review, query)])
    _notes_and_sample(card, note, estimate)
    card.footer(
        _(
            "Band from {cell} · nothing is stored unless you save it",
            cell=word(estimate.said_cell),
        )
    )
    return card


def _notes_and_sample(card: Card, note: str | None, estimate: SalaryEstimate) -> None:
    card.section(_("Notes"), [*([note] if note else []), _(ASSUMED)])
    card.section(_("Sample"), band_sample(estimate).splitlines())


OFFER_A, OFFER_B = N_("Offer A"), N_("Offer B")
WINNER_TEXT = {"first": OFFER_A, "second": OFFER_B, "tie": N_("A tie (within 0.5%)")}


def compare_card(
    first: OfferReview, second: OfferReview, estimate: SalaryEstimate, note: str | None
) -> Card:
    cur, query = first.currency, estimate.query
    year_one = winner(first.first_year, second.first_year)
    four = winner(first.four_year, second.four_year)
    card = Card(_("Two offers · {person}", person=describe_person(query))).head(
        _(
            "Year one: **{first_winner}** ({first_a} vs {first_b}). "
            "Over {years} years: **{span_winner}** ({span_a} vs {span_b}).",
            first_winner=_(WINNER_TEXT[year_one]),
            first_a=money(first.first_year, cur),
            first_b=money(second.first_year, cur),
            years=COMPARE_YEARS,
            span_winner=_(WINNER_TEXT[four]),
            span_a=money(first.four_year, cur),
            span_b=money(second.four_year, cur),
        )
    )
    who = person_in_band(query)
    for name, review in ((OFFER_A, first), (OFFER_B, second)):
        card.section(
            _(name),
            [
                terms_line(review.terms, cur),
                _(
                    "Base {percentile} for {who}.",
                    percentile=word(review.placement.text()),
                    who=who,
                ),
                *year_lines(review),
            ],
        )
    card.chart(
        _(
            "Pay by year for offers A and B: base, bonus, vested equity and sign-on ({currency})",
            currency=cur,
        )
    )
    card.rule()
    _notes_and_sample(card, note, estimate)
    card.footer(_("Nothing is stored unless you save it"))
    return card


def range_card(
    found: PayRange,
    low: Placement | None,
    high: Placement | None,
    estimate: SalaryEstimate,
    note: str | None,
) -> Card:
    cur, query = estimate.currency, estimate.query
    who = person_in_band(query)
    if low is not None and high is not None and found.low is not None and found.high is not None:
        said = _(
            "{low}-{high} runs from **{low_percentile}** to **{high_percentile}** for {who}.",
            low=money(found.low, cur),
            high=money(found.high, cur),
            low_percentile=word(low.text()),
            high_percentile=word(high.text()),
            who=who,
        )
    elif high is not None and found.high is not None:
        said = _(
            "Up to {amount} tops out at **{percentile}** for {who}.",
            amount=money(found.high, cur),
            percentile=word(high.text()),
            who=who,
        )
    else:
        assert low is not None and found.low is not None
        said = _(
            "From {amount} starts at **{percentile}** for {who}.",
            amount=money(found.low, cur),
            percentile=word(low.text()),
            who=who,
        )
    card = Card(_("Salary range check")).head(said)
    card.section(_("Range found"), [clip(found.text, 100) or "—"])
    card.section(_("Base band"), [band_text(estimate.base, cur)])
    if note:
        card.section(_("Notes"), [note])
    card.footer(_("Band from {cell}", cell=word(estimate.said_cell)))
    return card
