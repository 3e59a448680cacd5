"""A typed message has no locale: the person's last interaction gives it, else the server's."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any, cast

import discord

from bot.flows.reader_locale import ReaderLocales


def _message(author: int, guild_locale: str | None = None) -> discord.Message:
    guild = None
    if guild_locale is not None:
        guild = SimpleNamespace(preferred_locale=discord.Locale(guild_locale))
    return cast(discord.Message, SimpleNamespace(author=SimpleNamespace(id=author), guild=guild))


def _payload(user_id: str, locale: Any, *, in_guild: bool) -> dict[str, Any]:
    user = {"id": user_id, "username": "someone"}
    where = {"member": {"user": user}, "guild_id": "9"} if in_guild else {"user": user}
    return {"type": 2, "locale": locale, **where}


def test_a_dm_or_server_interaction_gives_the_persons_locale() -> None:
    locales = ReaderLocales()
    locales.remember_interaction(_payload("11", "de", in_guild=False))
    locales.remember_interaction(_payload("12", "pt-BR", in_guild=True))
    assert locales.for_message(_message(11)) == "de"
    assert locales.for_message(_message(12, "en-US")) == "pt-BR", "the person's own wins"
    locales.remember_interaction(_payload("11", "pt-BR", in_guild=False))
    assert locales.of(11) == "pt-BR", "the latest interaction counts"


def test_without_an_interaction_the_server_prefers_else_english() -> None:
    locales = ReaderLocales()
    assert locales.for_message(_message(13, "de")) == "de"
    assert locales.for_message(_message(13)) is None


def test_malformed_payloads_are_ignored() -> None:
    locales = ReaderLocales()
    for payload in (None, [], {"locale": "de"}, _payload("x1", "de", in_guild=False)):
        locales.remember_interaction(payload)
    locales.remember_interaction(_payload("14", 7, in_guild=False))
    assert locales.of(14) is None and not locales._locales


def test_the_longest_unseen_are_forgotten_first() -> None:
    locales = ReaderLocales(keep=2)
    locales.remember(1, "de")
    locales.remember(2, "de")
    locales.remember(1, "de")  # seen again: kept
    locales.remember(3, "pt-BR")
    assert (locales.of(1), locales.of(2), locales.of(3)) == ("de", None, "pt-BR")
