"""/tips in German and Brazilian Portuguese: every line of the card in the reader's words."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.render.answer_cards import tips_card
from bot.render.card import Card
from bot.render.locale import ANSWER_LOCALE
from bot.salary.model import get_model
from bot.salary.query import parse_query
from bot.salary.taxonomy import keys
from bot.salary.tips import JOIN_COMPANY, tips

# A person every section of the card speaks to: moves, survey associations, a sample, advice
# for remote roles and for a move toward ML engineering.
AT_HOME = {"role": "data_analyst", "level": "mid", "location": "Austin"}
ABROAD = {"role": "ml_engineer", "years": "4", "location": "Germany", "certifications": "aws_ml"}
WORDS = {
    "de": ("Schritte, die du gehen kannst", "Verhandeln", "beherrschen"),
    "pt-BR": ("Mudanças que você pode fazer", "Negociação", "Saber "),
}


@pytest.fixture
def reader() -> Iterator[None]:
    token = ANSWER_LOCALE.set(None)
    yield
    ANSWER_LOCALE.reset(token)


def card_lines(card: Card) -> list[str]:
    return [line for block in card.blocks for line in block.text.splitlines() if line]


def rendered(person: dict[str, str], locale: str | None) -> list[str]:
    token = ANSWER_LOCALE.set(locale)
    try:
        return card_lines(tips_card(tips(get_model(), parse_query(**person))))
    finally:
        ANSWER_LOCALE.reset(token)


@pytest.mark.parametrize("locale", ["de", "pt-BR"])
@pytest.mark.parametrize("person", [AT_HOME, ABROAD], ids=["at home", "abroad"])
def test_every_line_of_tips_reads_in_the_readers_language(
    reader: None, locale: str, person: dict[str, str]
) -> None:
    english = rendered(person, None)
    local = rendered(person, locale)
    assert len(local) == len(english), "the same lines, worded for the reader"
    left_in_english = [line for line in local if line in english]
    assert left_in_english == []
    text = "\n".join(local)
    assert all(words in text for words in WORDS[locale]), text


def test_english_tips_keep_their_wording(reader: None) -> None:
    lines = rendered(AT_HOME, None)
    assert "**Moves you can make**" in lines
    assert any(
        line.startswith("`1` **Work in San Francisco, CA or San Jose, CA**") for line in lines
    )
    assert any("**Join a big tech company**" in line for line in lines)
    assert any(line.startswith("• Keep skills current") for line in lines), "all advice fits"


def test_every_company_type_has_its_move() -> None:
    assert set(JOIN_COMPANY) == set(keys("company"))
