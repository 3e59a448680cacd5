"""Refusals of bad input and the plain-word replies, worded in German and Portuguese."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from bot.flows.errors import friendly_message
from bot.flows.fill import describe_sources, fill_query
from bot.flows.reply import BUSY_NOTE, TURNED_AWAY
from bot.render.ask import ASK_PRIVATELY, HELP_LINE, NOTHING_TO_CHANGE, changed_line, unread_lines
from bot.render.locale import ANSWER_LOCALE
from bot.render.wording import word
from bot.render.words import _
from bot.salary import taxonomy as tx
from bot.salary.amount_bounds import MAX_BASE_USD, bound_words
from bot.salary.errors import QueryError
from bot.salary.query import parse_query
from bot.salary.question import Asked, read_question
from bot.salary.typed_words import ROLES_AS_TYPED

BAD_INPUT: list[dict[str, Any]] = [
    {"role": "xx"},
    {"role": "senior ml enginer"},
    {"location": "Nowhereville"},
    {"location": "seatle"},
    {"years": 200},
    {"years": "-3"},
    {"years": "lots"},
    {"level": "wizard"},
    {"currency": "ZZZ"},
    {"remote": "sometimes"},
    {"year": "1999"},
    {"year": "soon"},
    {"skills": ",".join(["python"] * 21)},
    {"industry": "zzzz"},
    {"education": "!!!"},
    {"role": "x" * 101},
    {"hobby": "chess"},
]


@pytest.fixture
def reader() -> Iterator[Callable[[str | None], None]]:
    token = ANSWER_LOCALE.set(None)
    yield ANSWER_LOCALE.set
    ANSWER_LOCALE.reset(token)


def refusal(raw: dict[str, Any]) -> str:
    with pytest.raises(QueryError) as caught:
        parse_query(**raw)
    message = friendly_message(caught.value)
    assert message is not None
    return message


@pytest.mark.parametrize("raw", BAD_INPUT, ids=lambda raw: next(iter(raw)))
@pytest.mark.parametrize("locale", ["de", "pt-BR"])
def test_every_refusal_reads_in_the_readers_language(
    reader: Callable[[str | None], None], raw: dict[str, Any], locale: str
) -> None:
    english = refusal(raw)
    reader(locale)
    translated = refusal(raw)
    assert translated != english
    # What was typed is echoed as typed, in both.
    typed = str(next(iter(raw.values())))
    if len(typed) < 30:
        assert (typed in english) == (typed in translated)


def test_a_refusal_names_the_choices_in_the_readers_words(
    reader: Callable[[str | None], None],
) -> None:
    english = refusal({"role": "senior ml enginer"})
    assert "did you mean Machine Learning Engineer?" in english
    assert "The 8 roles: ML engineer, data scientist, research scientist" in english
    reader("de")
    german = refusal({"role": "senior ml enginer"})
    assert german.startswith("Rolle „senior ml enginer“ kenne ich nicht: Meintest du ")
    assert "Machine-Learning-Engineer?" in german
    assert german.endswith("Data Analyst oder MLOps Engineer.")
    reader("pt-BR")
    place = refusal({"location": "seatle"})
    assert place.startswith("Não reconheço 'seatle' como local: você quis dizer Seattle")
    assert " ou Estados Unidos ou " in place


def test_every_role_is_listed_by_a_name_that_can_be_typed() -> None:
    assert set(ROLES_AS_TYPED) == set(tx.keys("role"))
    for key, typed in ROLES_AS_TYPED.items():
        assert tx.lookup("role", typed) == key, typed


def test_notes_on_what_was_read_and_left_out(reader: Callable[[str | None], None]) -> None:
    given = {"role": "DevOps Engineer", "skills": "python, foo", "location": "berlin"}
    english = describe_sources(fill_query(given, None))
    assert english is not None
    assert "Unknown skill 'foo'. Try python, pytorch, llm or sql." in english
    assert "'DevOps Engineer' is not a role in the data: estimated as Software Engineer" in english
    reader("pt-BR")
    translated = describe_sources(fill_query(given, None))
    assert translated is not None
    assert "Não reconheço 'foo' como habilidade." in translated
    assert "Isso ficou de fora desta resposta." in translated
    assert "estimado como Engenheiro(a) de Software, o mais próximo." in translated
    query = parse_query(role="mle", years=12, level="mid")
    (note,) = query.experience_said
    assert word(note).startswith("12 anos seriam lidos como ")


def test_the_plain_word_replies_leave_no_english_line(
    reader: Callable[[str | None], None],
) -> None:
    question = read_question("senior mle in narnia, in XYZ")

    def lines() -> list[str]:
        return [
            *unread_lines(question.unread),
            changed_line(Asked.BAND, {"location": "de-berlin"}, {"location": "de-munich"}),
            changed_line(Asked.PLACES, {}, {}),
            *(_(text) for text in (HELP_LINE, ASK_PRIVATELY, NOTHING_TO_CHANGE)),
            *(_(text) for text in (BUSY_NOTE, TURNED_AWAY)),
        ]

    english = lines()
    assert english[0].startswith("I couldn't read “narnia” as a location")
    for locale, word_of_it in (("de", "Ausgehend von"), ("pt-BR", "A partir da")):
        reader(locale)
        translated = lines()
        assert all(a != b for a, b in zip(english, translated, strict=True)), translated
        assert any(word_of_it in line for line in translated)


def test_amount_bounds_in_the_readers_words(reader: Callable[[str | None], None]) -> None:
    assert str(bound_words(MAX_BASE_USD, None)) == "5 million"
    assert str(bound_words(MAX_BASE_USD, "NGN")).startswith("5 million US dollars (")
    reader("de")
    assert word(bound_words(MAX_BASE_USD, None)) == "5 Millionen"
    assert word(bound_words(MAX_BASE_USD, "EUR")).startswith("5 Millionen US-Dollar (")
