"""The people and places of the emulated Discord that a test or the console acts through."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.emulator import payloads


@dataclass(frozen=True)
class Place:
    """Where an interaction happens: a guild text channel or the bot's DM with a user."""

    channel_id: int
    guild_id: int | None = None


@dataclass(frozen=True)
class EmulatedUser:
    id: int
    name: str
    admin: bool = False
    # The Discord client language the person uses, sent with each of their interactions.
    locale: str = "en-US"

    @property
    def payload(self) -> dict[str, Any]:
        return payloads.user(self.id, self.name)
