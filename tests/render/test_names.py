"""Names of places and choices in the reader's language."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.render.locale import ANSWER_LOCALE
from bot.render.names import name_of, place_name


@pytest.fixture
def reader() -> Iterator[None]:
    token = ANSWER_LOCALE.set(None)
    yield
    ANSWER_LOCALE.reset(token)


def test_english_readers_see_the_taxonomys_own_labels(reader: None) -> None:
    assert place_name("de-berlin") == "Berlin, Germany"
    assert place_name("us-seattle") == "Seattle, WA"
    assert name_of("role", "ml_engineer") == "Machine Learning Engineer"
    assert name_of("level", "senior") == "Senior (6-10 years)"


def test_countries_and_cities_read_in_german_and_portuguese(reader: None) -> None:
    ANSWER_LOCALE.set("de")
    assert place_name("de-berlin") == "Berlin, Deutschland"
    assert name_of("location", "CH") == "Schweiz"
    assert name_of("location", "remote") == "Remote (überall)"
    ANSWER_LOCALE.set("pt-BR")
    assert name_of("location", "US") == "Estados Unidos"
    assert name_of("role", "data_scientist") == "Cientista de Dados"
    # Metros keep the abbreviation people there write.
    assert place_name("us-seattle") == "Seattle, WA"


def test_a_locale_without_a_catalog_reads_english(reader: None) -> None:
    ANSWER_LOCALE.set("fr")
    assert name_of("location", "DE") == "Germany"


def test_cities_abroad_take_the_name_the_readers_language_gives_them(reader: None) -> None:
    ANSWER_LOCALE.set("de")
    assert place_name("de-munich") == "München, Deutschland"
    assert place_name("ch-zurich") == "Zürich, Schweiz"
    ANSWER_LOCALE.set("pt-BR")
    assert place_name("pt-lisbon") == "Lisboa, Portugal"
    assert place_name("de-berlin") == "Berlim, Alemanha"
    # A city whose name is the same in the reader's language keeps it.
    assert place_name("ng-lagos") == "Lagos, Nigéria"


def test_a_note_names_its_city_in_the_readers_language(reader: None) -> None:
    from bot.render.wording import word
    from bot.salary.said import CITY, Name, said

    note = said("No city pay figure for {city}.", city=Name(CITY, "de-munich"))
    assert str(note) == "No city pay figure for Munich."
    assert word(note, "de") == "No city pay figure for München."
