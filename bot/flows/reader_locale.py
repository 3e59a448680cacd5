"""The language to answer a typed message in.

Discord sends a locale with every interaction but none with a message (a DM or a mention):
the person's language is known only from what they last did through an interaction. So each
person's locale is kept from their last interaction; a message from someone the process has
not seen that way is answered in the server's preferred language (a mention), else in
English. Kept in memory only: it is the person's Discord setting, not something they told the
bot, and their next command brings it back after a restart.
"""

from __future__ import annotations

from typing import Any

import discord

KEEP = 50_000  # people remembered; the longest unseen are forgotten first


class ReaderLocales:
    """Each person's Discord locale as their last interaction gave it."""

    def __init__(self, keep: int = KEEP) -> None:
        self.keep = keep
        self._locales: dict[int, str] = {}

    def remember(self, user_id: int, locale: str) -> None:
        # Taken out and put back, so the map's order is the order people were last seen.
        self._locales.pop(user_id, None)
        self._locales[user_id] = locale
        if len(self._locales) > self.keep:
            del self._locales[next(iter(self._locales))]

    def remember_interaction(self, data: Any) -> None:
        """From an INTERACTION_CREATE payload: its user (in a server, the member's) and locale."""
        if not isinstance(data, dict) or not isinstance(locale := data.get("locale"), str):
            return
        member = data.get("member")
        user = member.get("user") if isinstance(member, dict) else data.get("user")
        user_id = user.get("id") if isinstance(user, dict) else None
        if isinstance(user_id, str) and user_id.isdigit():
            self.remember(int(user_id), locale)

    def of(self, user_id: int) -> str | None:
        return self._locales.get(user_id)

    def for_message(self, message: discord.Message) -> str | None:
        """The author's last interaction locale, else the server's preferred one, else None."""
        known = self.of(message.author.id)
        if known is not None:
            return known
        guild = message.guild
        preferred = guild.preferred_locale if guild is not None else None
        return preferred.value if preferred is not None else None
