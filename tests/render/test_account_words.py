"""Shared pay, the profile, history and settings in German and Brazilian Portuguese."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime

import discord
import pytest

from bot.render.account import (
    deleted_text,
    history_embed,
    profile_embed,
    settings_embed,
)
from bot.render.community import (
    community_value,
    held_reason_text,
    mine_embed,
    preview_embed,
    review_embed,
)
from bot.render.locale import ANSWER_LOCALE
from bot.render.wording import word
from bot.salary.community import BASE_BELOW, PoolBand, parse_amount
from bot.salary.errors import QueryError
from db.community import CellCount, CommunityDraft, CommunitySubmission, HeldSubmission
from db.models import GuildSettings, HistoryEntry, Profile

WHEN = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)
DRAFT = CommunityDraft(
    role="ml_engineer",
    level="senior",
    location="DE",
    base=5_000,
    bonus=0,
    equity=0,
    currency="EUR",
    year=2026,
    held_reason=str(BASE_BELOW),
)
SHARED = CommunitySubmission(**DRAFT.model_dump(), id=7, guild_id=1, created_on=date(2026, 3, 1))
PROFILE = Profile(
    user_id=1,
    role="ml_engineer",
    level="senior",
    location="DE",
    private=True,
    created_at=WHEN,
    updated_at=WHEN,
)
QUERY = HistoryEntry(
    id=1,
    user_id=1,
    query={},
    headline={"command": "estimate", "median": 90_000, "currency": "EUR"},
    created_at=WHEN,
)
COUNT = CellCount(role="ml_engineer", level="senior", location="DE", live=3, held=1)
HELD = HeldSubmission(
    id=7, role="ml_engineer", level="senior", location="DE", held_reason=str(BASE_BELOW)
)
BAND = PoolBand(people=12, base=(150e3, 180e3, 230e3), total=(170e3, 210e3, 290e3),
                first_year=2025, last_year=2026)  # fmt: skip

# Each answer as the lines a person reads. Values another module words (a saved role, level
# or place as field_text shows it) are left out: this checks the words of these answers.
ANSWERS: dict[str, Callable[[], list[str]]] = {
    "preview": lambda: embed_lines(preview_embed(DRAFT, "Guild")),
    "mine": lambda: embed_lines(mine_embed([SHARED])),
    "mine, empty": lambda: embed_lines(mine_embed([])),
    "review": lambda: embed_lines(review_embed([COUNT], [HELD], 5)),
    "profile": lambda: embed_lines(profile_embed(PROFILE), values=False),
    "no profile": lambda: embed_lines(profile_embed(None)),
    "history": lambda: embed_lines(history_embed([QUERY])),
    "no history": lambda: embed_lines(history_embed([])),
    "settings": lambda: embed_lines(settings_embed(GuildSettings(guild_id=1))),
    "deleted": lambda: [deleted_text({"profiles": 1, "history": 3, "community_pay": 2})],
    "nothing deleted": lambda: [deleted_text({"profiles": 0})],
    "community line": lambda: community_value(BAND, 3, "EUR").splitlines(),
}


@pytest.fixture
def reader() -> Iterator[None]:
    token = ANSWER_LOCALE.set(None)
    yield
    ANSWER_LOCALE.reset(token)


def embed_lines(embed: discord.Embed, *, values: bool = True) -> list[str]:
    texts = [embed.title or "", embed.description or "", embed.footer.text or ""]
    for field in embed.fields:
        texts.append(field.name or "")
        if values:
            texts.append(field.value or "")
    return [line for text in texts for line in text.splitlines() if line]


def in_locale(answer: Callable[[], list[str]], locale: str | None) -> list[str]:
    token = ANSWER_LOCALE.set(locale)
    try:
        return answer()
    finally:
        ANSWER_LOCALE.reset(token)


@pytest.mark.parametrize("locale", ["de", "pt-BR"])
@pytest.mark.parametrize("name", list(ANSWERS))
def test_no_line_is_left_in_english(reader: None, locale: str, name: str) -> None:
    english = in_locale(ANSWERS[name], None)
    local = in_locale(ANSWERS[name], locale)
    assert len(local) == len(english)
    assert [line for line in local if line in english] == []


@pytest.mark.parametrize(
    ("locale", "words"),
    [
        ("de", ["Zur Prüfung zurückgehalten", "Grundgehalt", "Mitglieder von Guild"]),
        ("pt-BR", ["Retido para revisão", "ações por ano", "membros de Guild"]),
    ],
)
def test_the_preview_reads_in_the_readers_words(
    reader: None, locale: str, words: list[str]
) -> None:
    text = "\n".join(in_locale(ANSWERS["preview"], locale))
    assert all(word in text for word in words), text


def test_a_held_reason_is_stored_in_english_and_worded_for_each_reader(reader: None) -> None:
    stored = str(BASE_BELOW)
    assert held_reason_text(stored) == stored
    german = in_locale(lambda: [held_reason_text(stored)], "de")[0]
    assert german.startswith("ein Grundgehalt weit unter")
    # A reason the bot no longer says is shown as it was stored.
    assert in_locale(lambda: [held_reason_text("an old reason")], "de") == ["an old reason"]


def test_counts_read_in_the_readers_grammar(reader: None) -> None:
    assert in_locale(ANSWERS["deleted"], "de") == [
        "Alles über dich Gespeicherte ist gelöscht (1 Profil, 3 gespeicherte Abfragen, "
        "2 geteilte Gehaltsbeträge)."
    ]
    assert in_locale(ANSWERS["deleted"], None) == [
        "Deleted everything stored about you (1 profile, 3 saved queries, 2 shared pay figures)."
    ]


@pytest.mark.parametrize(
    ("locale", "said"),
    [
        (
            "de",
            "„lots“ ist kein lesbarer Betrag für „Grundgehalt“: schreib z. B. 180k oder 180.000.",
        ),
        (
            "pt-BR",
            "Não consegui ler “lots” como valor para “salário-base”: escreva por exemplo "
            "180k ou 180.000.",
        ),
    ],
)
def test_an_amount_that_cannot_be_read_is_said_in_the_readers_words(
    reader: None, locale: str, said: str
) -> None:
    with pytest.raises(QueryError) as raised:
        parse_amount("base", "lots", required=True)
    assert word(raised.value.said, locale) == said
