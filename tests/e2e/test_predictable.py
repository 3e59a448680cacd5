"""Answers a person can predict: no context leaking between questions, the place's currency,
one unknown item never costing the whole answer, and a currency change that is no raise."""

from __future__ import annotations

import re

import pytest

from bot.local.harness import Harness
from tests.e2e.support import WHERE, newcomer, run


@pytest.mark.parametrize("where", WHERE)
async def test_currency_follows_the_place_not_the_last_query(harness: Harness, where: str) -> None:
    user, place = await newcomer(harness, "traveller", where)
    toronto = await run(harness, user, place, "estimate", {"role": "mle", "location": "Toronto"})
    assert "CA$" in toronto.message.section("Base band")
    denver = await run(harness, user, place, "estimate", {"role": "mle", "location": "Denver"})
    band = denver.message.section("Base band")
    assert "$" in band and "CA$" not in band and "₹" not in band


async def test_a_saved_currency_is_kept_everywhere(harness: Harness) -> None:
    user, place = await newcomer(harness, "saver", "dm")
    await run(harness, user, place, "profile set", {"currency": "EUR"})
    london = await run(harness, user, place, "estimate", {"role": "mle", "location": "London"})
    assert "€" in london.message.section("Base band")


async def test_whatif_to_a_foreign_place_answers_in_its_currency(harness: Harness) -> None:
    user, place = await newcomer(harness, "mover", "dm")
    await run(harness, user, place, "estimate", {"role": "mle", "location": "Seattle"})
    moved = await run(harness, user, place, "whatif", {"location": "london"})
    assert "£" in moved.message.section("Base band")


async def test_a_currency_change_is_not_a_pay_change(harness: Harness) -> None:
    user, place = await newcomer(harness, "converter", "dm")
    await run(harness, user, place, "estimate", {"role": "mle", "location": "Seattle"})
    converted = await run(harness, user, place, "whatif", {"currency": "EUR"})
    change = converted.message.section("What if: currency")
    assert change == "The same pay, shown in EUR."
    assert "+€0" not in converted.message.card_text()


async def test_compare_locations_shows_only_the_places_asked(harness: Harness) -> None:
    user, place = await newcomer(harness, "comparer", "dm")
    await run(harness, user, place, "estimate", {"role": "mle", "location": "Bangalore"})
    record = await run(harness, user, place, "compare locations", {"places": "Seattle, Austin"})
    rows = [line for line in record.message.headline().splitlines() if line.startswith("**")]
    assert len(rows) == 2 and "India" not in record.message.headline()
    # A metro's band is the country's: the count says whose postings it is.
    assert all(re.search(r"postings in United States", row) for row in rows)


@pytest.mark.parametrize("where", WHERE)
async def test_one_unknown_skill_is_left_out_and_named(harness: Harness, where: str) -> None:
    user, place = await newcomer(harness, "skilled", where)
    options = {"role": "mle", "years": 4, "skills": "pytorch, llm, quantum basket weaving"}
    record = await run(harness, user, place, "estimate", options)
    assert record.message.components_v2, record.message.content
    notes = record.message.section("Notes")
    assert "Unknown skill 'quantum basket weaving'" in notes and "left out" in notes
    assert "skills: LLMs / generative AI, PyTorch" in record.message.headline()


async def test_any_sets_a_saved_value_aside_for_one_question(harness: Harness) -> None:
    user, place = await newcomer(harness, "chooser", "dm")
    await run(harness, user, place, "profile set", {"industry": "finance", "education": "phd"})
    record = await run(harness, user, place, "estimate", {"role": "mle", "education": "any"})
    text = record.message.card_text()
    assert "PhD" not in text and "Finance" in text
    cleared = await run(harness, user, place, "profile set", {"industry": "any"})
    assert cleared.message.embeds, "the saved profile is shown"
    profile = await harness.bot.store.profiles.get(user.id) if harness.bot else None
    assert profile is not None and profile.industry is None and profile.education == "phd"


async def test_singular_and_plural_read_right(harness: Harness) -> None:
    user, place = await newcomer(harness, "junior", "dm")
    record = await run(harness, user, place, "estimate", {"role": "mle", "years": 1})
    assert "1 year ·" in record.message.title or record.message.title.endswith("1 year")
    assert "year(s)" not in record.message.card_text()
    assert "×1.00" not in record.message.card_text()


async def test_money_is_written_in_the_askers_language(harness: Harness) -> None:
    user, place = await newcomer(harness, "berliner", "dm", locale="de")
    record = await run(harness, user, place, "estimate", {"role": "mle", "location": "Berlin"})
    band = record.message.section("Spanne des Grundgehalts")  # "Base band", in German
    # German writes euros after the number, with a point between thousands.
    assert re.search(r"P50 \d{2,3}\.\d{3}\s€", band), band


async def test_rupees_read_in_lakh(harness: Harness) -> None:
    user, place = await newcomer(harness, "bengaluru", "dm")
    record = await run(harness, user, place, "estimate", {"role": "mle", "location": "India"})
    band = record.message.section("Base band")
    assert "₹" in band and "L" in band and "M" not in band, band
