"""Offers: one checked against the band, two side by side, a pay range found in a message.

Nothing here writes to the store except `save_offers`, which runs only when the person
presses "Save to history": an offer is theirs to keep or not.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

from bot.flows.asker import Asker
from bot.flows.errors import UserError
from bot.flows.fill import YOU, Filled, describe_sources
from bot.flows.history import headline
from bot.flows.privacy import Visibility
from bot.flows.reply import after_first_answer, complete_answer, send, send_card
from bot.interaction import Interaction
from bot.render.card import Card, CardLayout
from bot.render.followup import field_word
from bot.render.offer import compare_card, offer_card, range_card
from bot.render.offer_chart import one_offer_chart, two_offers_chart
from bot.render.words import N_, _
from bot.salary import fields
from bot.salary.model import SalaryModel
from bot.salary.offer import OfferReview, percentile_of, review_offer
from bot.salary.offer_terms import OfferTerms, offer_currency
from bot.salary.pay_range import PayRange
from bot.salary.query import SalaryQuery
from bot.salary.question import read_question
from bot.salary.results import SalaryEstimate
from db.models import HistoryEntry

log = logging.getLogger(__name__)

# Builds the buttons of an offer's card from what it weighed (kept in memory, not stored).
OfferViewFactory = Callable[[SalaryQuery, list[OfferTerms]], CardLayout]

# What a quoted range is weighed for: the job the message names (its currency is the range's).
RANGE_JOB = ("role", "level", "years", "location")
NO_RANGE = N_(
    "I found no pay range in that message. I read ranges such as $150k-$200k, "
    "150-200k EUR, up to 180k or 180k+."
)


def in_offer_currency(filled: Filled, offers: list[OfferTerms]) -> SalaryQuery:
    """The query in the currency the amounts name; a clash with a typed currency is refused."""
    typed = filled.query.currency if filled.sources.get("currency") == YOU else None
    currency = offer_currency(offers, typed, filled.query.answer_currency)
    if currency == filled.query.answer_currency:
        return filled.query
    return filled.query.model_copy(update={"currency": currency})


def _review(
    interaction: Interaction, query: SalaryQuery, terms: OfferTerms
) -> tuple[OfferReview, SalaryEstimate]:
    estimate = interaction.client.model.estimate(query)
    return review_offer(terms, estimate.base, estimate.currency), estimate


async def answer_offer(
    interaction: Interaction,
    filled: Filled,
    terms: OfferTerms,
    visibility: Visibility,
    *,
    view_for: OfferViewFactory | None = None,
) -> OfferReview:
    query = in_offer_currency(filled, [terms])
    review, estimate = _review(interaction, query, terms)
    card = offer_card(review, estimate, describe_sources(filled))
    await send_card(interaction, visibility, card)
    await after_first_answer(interaction)
    layout = view_for(query, [terms]) if view_for is not None else None
    await complete_answer(interaction, card, one_offer_chart(review), layout)
    return review


async def answer_offer_comparison(
    interaction: Interaction,
    filled: Filled,
    first: OfferTerms,
    second: OfferTerms,
    visibility: Visibility,
    *,
    view_for: OfferViewFactory | None = None,
) -> tuple[OfferReview, OfferReview]:
    query = in_offer_currency(filled, [first, second])
    review_a, estimate = _review(interaction, query, first)
    review_b, _ = _review(interaction, query, second)
    card = compare_card(review_a, review_b, estimate, describe_sources(filled))
    await send_card(interaction, visibility, card)
    await after_first_answer(interaction)
    layout = view_for(query, [first, second]) if view_for is not None else None
    await complete_answer(interaction, card, two_offers_chart(review_a, review_b), layout)
    return review_a, review_b


def offer_headline(
    interaction: Interaction, query: SalaryQuery, offers: Sequence[OfferTerms]
) -> dict[str, Any]:
    """What a saved offer keeps: the band's headline numbers and the terms as typed."""
    estimate = interaction.client.model.estimate(query)
    summary = headline("offer", estimate.base, estimate.currency, estimate.sample_size)
    summary["offers"] = [
        {
            **terms.model_dump(mode="json"),
            "percentile": percentile_of(terms.base, estimate.base).label(),
        }
        for terms in offers
    ]
    return summary


async def save_offers(
    interaction: Interaction, query: SalaryQuery, offers: Sequence[OfferTerms]
) -> HistoryEntry:
    """Store an offer as a history entry: export lists it and delete erases it with the rest."""
    said = query.model_dump(mode="json", exclude_defaults=True)
    summary = offer_headline(interaction, query, offers)
    # Named like every entry, by the interaction that stored it (see memory.remember).
    return await interaction.client.store.history.add(
        interaction.user.id, said, summary, entry_id=interaction.id
    )


async def answer_range_check(interaction: Interaction, text: str, asker: Asker) -> None:
    """Where a range quoted in a message sits in the band; never shown to anyone else."""
    private = asker.visibility(False)
    question = read_question(text)
    found = question.pay_range
    if found is None:
        await send(interaction, private, content=_(NO_RANGE))
        return
    refuse_unsupported(found)
    given: dict[str, Any] = {
        name: question.fields[name] for name in RANGE_JOB if name in question.fields
    }
    if found.currency:
        given["currency"] = found.currency
    filled = asker.fill(given)
    named = [fields.label(name) for name in given if name != "currency"]
    card = weigh_range(interaction.client.model, found, filled, named)
    await send_card(interaction, private, card)


def refuse_unsupported(found: PayRange) -> None:
    if found.unsupported_currency:
        raise UserError(
            _(
                "That range is in {currency}, which I can't weigh yet: "
                "I answer in USD, CAD, EUR, GBP and INR.",
                currency=found.unsupported_currency,
            )
        )


def weigh_range(model: SalaryModel, found: PayRange, filled: Filled, named: list[str]) -> Card:
    """Where a range's ends fall in the band; `named` are the fields the message gave."""
    estimate = model.estimate(filled.query)
    low = percentile_of(found.low, estimate.base) if found.low is not None else None
    high = percentile_of(found.high, estimate.base) if found.high is not None else None
    shown = ", ".join(field_word(label) for label in named)
    notes = [_("From the message: {fields}.", fields=shown)] if named else []
    if sources := describe_sources(filled):
        notes.append(sources)
    if not found.currency:
        notes.append(
            _("The message names no currency: read as {currency}.", currency=estimate.currency)
        )
    return range_card(found, low, high, estimate, " ".join(notes) or None)
