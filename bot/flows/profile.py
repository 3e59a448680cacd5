"""Saving a profile: typed values validated as a query, then stored and shown privately."""

from __future__ import annotations

from typing import Any

from bot.flows.privacy import Visibility
from bot.flows.reply import finish_or_defer, send
from bot.interaction import Interaction
from bot.render.account import profile_embed
from bot.render.words import _
from bot.salary import fields
from bot.salary.query import parse_query
from db.models import ProfileUpdate


def profile_update(given: dict[str, Any], private: bool | None = None) -> ProfileUpdate:
    """Validate typed values through the salary query, then keep only what was given.

    A field set to "any" is cleared; experience is one fact, so a new level replaces saved
    years and the other way round.
    """
    typed = {name: value for name, value in given.items() if value != fields.ANY}
    query = parse_query(**typed)
    said = {name: getattr(query, name) if name in typed else fields.ANY for name in given}
    changes = fields.merge({}, said)
    # What "any" cleared is stored as nothing.
    changes |= {name: None for name in given if name not in changes}
    if private is not None:
        changes["private"] = private
    return ProfileUpdate(**changes)


async def save_and_show(interaction: Interaction, update: ProfileUpdate) -> None:
    private = Visibility(ephemeral=True)
    saving = interaction.client.store.profiles.upsert(interaction.user.id, update)
    profile = await finish_or_defer(interaction, saving, private)
    await send(interaction, private, content=_("Profile saved."), embed=profile_embed(profile))
