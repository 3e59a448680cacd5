"""The share and profile forms and their buttons in the reader's language."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import discord
import pytest

from bot.render.locale import ANSWER_LOCALE
from bot.salary.query import parse_query
from bot.ui.profile import ConfirmDelete, ProfileForm, experience_choices, location_text
from bot.ui.share import ShareConfirm, ShareForm
from tests.render.test_account_words import DRAFT

SAME = {"de": ["180k", "Skills"], "pt-BR": ["180k"]}


@pytest.fixture
def reader() -> Iterator[None]:
    token = ANSWER_LOCALE.set(None)
    yield
    ANSWER_LOCALE.reset(token)


def labels(view: discord.ui.View) -> list[str]:
    # A persistent button is the item its dynamic wrapper holds.
    buttons = [getattr(item, "item", item) for item in view.children]
    return [str(getattr(button, "label", "")) for button in buttons]


def form_texts(form: discord.ui.Modal) -> list[str]:
    texts: list[str] = [form.title]
    for item in form.children:
        label: Any = item
        texts.append(label.text)
        box = label.component
        if isinstance(box, discord.ui.TextInput) and box.placeholder:
            texts.append(box.placeholder)
    return texts


@pytest.mark.parametrize(
    ("locale", "share", "delete"),
    [
        (None, ["Share anonymously", "Cancel"], ["Delete everything", "Cancel"]),
        ("de", ["Anonym teilen", "Abbrechen"], ["Alles löschen", "Abbrechen"]),
        ("pt-BR", ["Compartilhar anonimamente", "Cancelar"], ["Apagar tudo", "Cancelar"]),
    ],
)
async def test_buttons_read_in_the_readers_language(
    reader: None, locale: str | None, share: list[str], delete: list[str]
) -> None:
    ANSWER_LOCALE.set(locale)
    assert labels(ShareConfirm(1, DRAFT)) == share
    assert labels(ConfirmDelete(1)) == delete


@pytest.mark.parametrize("locale", ["de", "pt-BR"])
async def test_forms_read_in_the_readers_language(reader: None, locale: str) -> None:
    english = [
        *form_texts(ShareForm(parse_query(location="Berlin"), 2026)),
        *form_texts(ProfileForm(None)),
    ]
    ANSWER_LOCALE.set(locale)
    local = [
        *form_texts(ShareForm(parse_query(location="Berlin"), 2026)),
        *form_texts(ProfileForm(None)),
    ]
    # Example amounts read the same everywhere, and German job ads say "Skills" too.
    assert [text for text in local if text in english] == SAME[locale]
    years = [choice.label for choice in experience_choices(None)]
    assert ("1 Jahr" if locale == "de" else "1 ano") in years


def test_a_saved_place_shows_in_words_that_read_back_to_it(reader: None) -> None:
    ANSWER_LOCALE.set("de")
    assert location_text("DE") == "Deutschland"
    # No German name of this city that the query reads: the English one always reads back.
    assert parse_query(location=location_text("us-seattle")).location == "us-seattle"
