"""The answer to a question typed in plain words: the same model, cards and charts as the
commands (an estimate, an offer check, a range check, a comparison), built for a message.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bot.flows.ask_memory import Answered
from bot.flows.fill import YOU, Filled, describe_sources
from bot.flows.history import headline
from bot.flows.offer import in_offer_currency, refuse_unsupported, weigh_range
from bot.render.answer_cards import estimate_card, location_comparison_card, role_comparison_card
from bot.render.card import Card
from bot.render.chart_spec import ChartSpec
from bot.render.charts import estimate_chart, locations_chart, roles_chart
from bot.render.offer import offer_card
from bot.render.offer_chart import one_offer_chart
from bot.render.phrases import change_line
from bot.render.words import _
from bot.salary import fields
from bot.salary.compare import compare_locations, compare_roles
from bot.salary.model import SalaryModel
from bot.salary.offer import review_offer
from bot.salary.offer_terms import OfferTerms, parse_offer
from bot.salary.pay_words import OfferWords
from bot.salary.query import parse_query
from bot.salary.question import Asked


@dataclass
class Answer:
    card: Card
    chart: ChartSpec | Callable[[], bytes] | None
    # The history entry's headline, None where the commands store nothing (offers, ranges).
    summary: dict[str, Any] | None
    answered: Answered


def build_answer(model: SalaryModel, request: Answered, filled: Filled) -> Answer:
    """The answer `request` asks for, for the person `filled` describes."""
    if request.asked is Asked.OFFER and request.offer is not None:
        return _offer(model, request, filled, request.offer)
    if request.asked is Asked.RANGE and request.pay_range is not None:
        return _range(model, request, filled)
    if request.asked is Asked.ROLES and len(request.roles) != 1:
        return _roles(model, request, filled)
    if request.asked is Asked.PLACES and len(request.places) > 1:
        return _places(model, request, filled)
    return _band(model, request, filled)


def _kept(request: Answered, filled: Filled, **changes: Any) -> Answered:
    query = filled.query.model_dump(mode="json", exclude_defaults=True)
    return Answered(
        asked=changes.get("asked", request.asked),
        user_id=request.user_id,
        query=query,
        offer=changes.get("offer", request.offer),
        pay_range=request.pay_range,
        roles=request.roles,
        places=request.places,
    )


def _band(model: SalaryModel, request: Answered, filled: Filled) -> Answer:
    estimate = model.estimate(filled.query)
    card = estimate_card(estimate, describe_sources(filled))
    summary = headline("estimate", estimate.base, estimate.currency, estimate.sample_size)
    answered = _kept(request, filled, asked=Asked.BAND)
    return Answer(card, estimate_chart(estimate), summary, answered)


def _offer(
    model: SalaryModel, request: Answered, filled: Filled, offer: OfferWords | OfferTerms
) -> Answer:
    terms = offer if isinstance(offer, OfferTerms) else _terms(offer)
    query = in_offer_currency(filled, [terms])
    estimate = model.estimate(query)
    review = review_offer(terms, estimate.base, estimate.currency)
    card = offer_card(review, estimate, describe_sources(filled))
    # The terms are kept in the currency they were read in, so a follow-up weighs the same
    # offer elsewhere (185k read as dollars in Seattle stays dollars in Munich).
    if terms.currency is None:
        terms = terms.model_copy(update={"currency": query.answer_currency})
    answered = _kept(request, filled, offer=terms)
    return Answer(card, one_offer_chart(review), None, answered)


def _terms(offer: OfferWords) -> OfferTerms:
    return parse_offer(
        base=offer.base, bonus=offer.bonus, equity=offer.equity, sign_on=offer.sign_on
    )


def _range(model: SalaryModel, request: Answered, filled: Filled) -> Answer:
    found = request.pay_range
    assert found is not None
    refuse_unsupported(found)
    if found.currency and filled.query.currency != found.currency:
        filled = Filled(
            filled.query.model_copy(update={"currency": found.currency}),
            filled.sources,
            filled.notes,
        )
    named = [
        fields.label(name)
        for name, source in filled.sources.items()
        if source == YOU and name != "currency"
    ]
    card = weigh_range(model, found, filled, named)
    return Answer(card, None, None, _kept(request, filled))


def _roles(model: SalaryModel, request: Answered, filled: Filled) -> Answer:
    comparison = compare_roles(model, filled.query, request.roles or None)
    card = role_comparison_card(comparison, filled.query.role, describe_sources(filled))
    own = next(
        (row for row in comparison.rows if row.role == filled.query.role), comparison.rows[0]
    )
    summary = headline("compare roles", own.base, comparison.currency, own.sample_size)
    summary["roles"] = list(request.roles)
    return Answer(card, roles_chart(comparison, filled.query.role), summary, _kept(request, filled))


def _places(model: SalaryModel, request: Answered, filled: Filled) -> Answer:
    comparison = compare_locations(model, filled.query, list(request.places))
    card = location_comparison_card(comparison, describe_sources(filled))
    current = model.estimate(filled.query)
    summary = headline("compare locations", current.base, current.currency, current.sample_size)
    summary["places"] = list(request.places)
    return Answer(card, locations_chart(comparison), summary, _kept(request, filled))


def add_change(model: SalaryModel, answer: Answer, before: dict[str, Any]) -> None:
    """Under a changed estimate, how far the change moved it (a currency is no raise)."""
    after = parse_query(**answer.answered.query)
    if answer.answered.asked is not Asked.BAND:
        return
    if set(_differences(before, answer.answered.query)) == {"currency"}:
        note = _("The same pay, shown in {currency}.", currency=after.answer_currency)
    else:
        previous = parse_query(**{**before, "currency": after.answer_currency})
        note = change_line(model.estimate(previous), model.estimate(after))
    answer.card.section_at(answer.card.index_after_headline(), _("Change"), [note])


def _differences(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    return [name for name in {*before, *after} if before.get(name) != after.get(name)]
