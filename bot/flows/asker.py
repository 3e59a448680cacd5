"""Who is asking: their profile and server settings, read together."""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass
from typing import Any

import discord

from bot.flows.fill import Filled, fill_query
from bot.flows.history import last_band_in
from bot.flows.privacy import Visibility, decide_visibility
from bot.interaction import Interaction
from db.errors import StoreUnavailableError
from db.models import GuildSettings, HistoryEntry, Profile
from db.store import Store


@dataclass(frozen=True)
class Asker:
    """What is known about the person behind an interaction."""

    user_id: int
    profile: Profile | None
    settings: GuildSettings | None
    in_guild: bool
    in_group_dm: bool
    channel_id: int | None

    def visibility(self, requested_public: bool | None) -> Visibility:
        return decide_visibility(
            in_guild=self.in_guild,
            in_group_dm=self.in_group_dm,
            channel_id=self.channel_id,
            requested_public=requested_public,
            profile=self.profile,
            settings=self.settings,
        )

    def fill(self, given: dict[str, Any], *, use_defaults: bool = True) -> Filled:
        return fill_query(given, self.profile, use_defaults=use_defaults)


async def load_asker(interaction: Interaction) -> Asker:
    user_id = interaction.user.id
    guild_id = interaction.guild_id
    store = interaction.client.store
    profile: Profile | None = None
    settings: GuildSettings | None = None
    # While the store is away, answer as for someone new (the reads fail at once).
    with contextlib.suppress(StoreUnavailableError):
        # Issued together, the reads share one trip to the database thread.
        profile, settings = await asyncio.gather(
            store.profiles.get(user_id),
            store.guilds.get(guild_id) if guild_id is not None else _nothing(),
        )
    channel = interaction.channel
    in_group_dm = isinstance(channel, discord.GroupChannel) or (
        guild_id is None
        and interaction.context.private_channel
        and not interaction.context.dm_channel
    )
    return Asker(
        user_id=user_id,
        profile=profile,
        settings=settings,
        in_guild=guild_id is not None,
        in_group_dm=in_group_dm,
        channel_id=interaction.channel_id,
    )


async def read_person(
    store: Store, user_id: int, guild_id: int | None
) -> tuple[Profile | None, HistoryEntry | None, GuildSettings | None]:
    """A person's profile and the last band they were shown, and the server's settings."""
    # While the store is away, answer as for someone new (the reads fail at once).
    with contextlib.suppress(StoreUnavailableError):
        # Issued together, the three reads share one trip to the database thread.
        return await asyncio.gather(
            store.profiles.get(user_id),
            last_band_in(store, user_id),
            store.guilds.get(guild_id) if guild_id is not None else _nothing(),
        )
    return None, None, None


async def _nothing() -> None:
    return None
