"""The message catalogs: complete for German and Brazilian Portuguese, chosen by locale."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from babel.messages.catalog import Catalog

from bot.render import catalogs
from bot.render.locale import ANSWER_LOCALE
from bot.render.words import _, ngettext, translate, words_for


@pytest.fixture
def reader() -> Iterator[None]:
    token = ANSWER_LOCALE.set(None)
    yield
    ANSWER_LOCALE.reset(token)


def test_every_message_in_the_code_is_translated_with_the_same_placeholders() -> None:
    found = catalogs.check()
    assert found == [], "\n".join(found)


def test_the_extraction_sees_code_fields_choices_and_the_stores_words() -> None:
    ids = {message.id for message in catalogs.extract() if message.id}
    assert "This works in a server only." in ids  # _() in the error path
    assert "Check this salary range" in ids  # N_() on a command
    assert "Years of professional experience (0-50)" in ids  # a salary field's help
    assert "Senior (6-10 years)" in ids  # a taxonomy choice
    assert "The bot's storage cannot be reached right now." in ids  # a store error
    assert ("Removed {count} shared figure.", "Removed {count} shared figures.") in ids


def _template(*ids: str) -> Catalog:
    template = Catalog()
    for message in ids:
        template.add(message)
    return template


def test_the_check_finds_a_missing_string_a_wrong_placeholder_and_a_leftover() -> None:
    template = _template("Saved.", "Try again in {seconds} s.", "Current settings:")
    catalog = Catalog(locale="de")
    catalog.add("Saved.", "Gespeichert.")
    catalog.add("Try again in {seconds} s.", "Versuch es in {sekunden} s noch einmal.")
    catalog.add("Gone.", "Weg.")
    found = catalogs.problems(template, catalog, "de")
    assert any("no translation of 'Current settings:'" in line for line in found), found
    assert any("{'sekunden'}, not {'seconds'}" in line for line in found), found
    assert any("'Gone.' is in the catalog but no longer in the code" in line for line in found)
    assert not any("'Saved.'" in line for line in found)


def test_the_check_reads_every_plural_form() -> None:
    template = Catalog(locale="en")
    template.add(("{count} figure", "{count} figures"))
    catalog = Catalog(locale="pt_BR")
    catalog.add(("{count} figure", "{count} figures"), ("{count} dado", "", "{count} dados"))
    found = catalogs.problems(template, catalog, "pt_BR")
    assert found == ["pt_BR: no translation of '{count} figure'"]


def test_a_german_reader_reads_german(reader: None) -> None:
    ANSWER_LOCALE.set("de")
    assert _("This works in a server only.") == "Das geht nur auf einem Server."
    assert _("Easy there: try again in {seconds} s.", seconds=4) == (
        "Nicht so schnell: Versuch es in 4 s noch einmal."
    )


def test_a_brazilian_reader_reads_portuguese_with_its_plurals(reader: None) -> None:
    ANSWER_LOCALE.set("pt-BR")
    one = ngettext("Removed {count} shared figure.", "Removed {count} shared figures.", 1)
    three = ngettext("Removed {count} shared figure.", "Removed {count} shared figures.", 3)
    assert one == "1 contribuição removida."
    assert three == "3 contribuições removidas."


@pytest.mark.parametrize("locale", [None, "en-US", "en-GB", "fr", "pt-PT", "es-ES"])
def test_every_other_locale_reads_english(reader: None, locale: str | None) -> None:
    ANSWER_LOCALE.set(locale)
    assert _("This works in a server only.") == "This works in a server only."
    assert ngettext("Removed {count} shared figure.", "Removed {count} shared figures.", 2) == (
        "Removed 2 shared figures."
    )


def test_a_locale_can_be_named_instead_of_read(reader: None) -> None:
    ANSWER_LOCALE.set("de")
    assert translate("Saved.", "pt-BR") == "Salvo."
    assert words_for("de").gettext("Saved.") == "Gespeichert."


def test_what_the_domain_said_is_worded_in_the_readers_language(reader: None) -> None:
    from bot.render.wording import word
    from bot.salary.said import Money, Name, said

    message = said("Easy there: try again in {seconds} s.", seconds=4)
    assert str(message) == "Easy there: try again in 4 s."
    assert word(message, "de") == "Nicht so schnell: Versuch es in 4 s noch einmal."
    ANSWER_LOCALE.set("de")
    assert word(message) == "Nicht so schnell: Versuch es in 4 s noch einmal."
    # A value that is not a sentence keeps its text; money follows the reader's format.
    assert word(said("{amount}", amount=Money(150_000, "EUR")), "de") == "150.000\xa0€"
    assert str(said("{amount}", amount=Money(150_000, "EUR"))) == "€150K"
    assert word("BLS OEWS") == "BLS OEWS"
    named = said("No city pay figure for {city}.", city=Name("location", "de-berlin"))
    assert str(named) == "No city pay figure for Berlin, Germany."
    assert "Berlin, Deutschland" in word(named, "de")


def test_a_message_without_values_keeps_the_braces_a_person_typed(reader: None) -> None:
    from bot.render.wording import word
    from bot.salary.errors import QueryError

    error = QueryError("role", "Unknown role '{x}}'.")
    assert error.message == "Unknown role '{x}}'."
    assert word(error.said, "de") == "Unknown role '{x}}'."
