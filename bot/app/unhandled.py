"""A private answer for components and forms nothing handles any more.

discord.py drops an interaction whose custom_id matches no live view, dynamic item or
modal, and the person sees "This interaction failed". The same lookups discord.py just made
are repeated here (they read its view store), and such an interaction is answered instead.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import discord

from bot.flows.errors import send_private
from bot.render.words import N_, _

log = logging.getLogger(__name__)

EXPIRED = N_("That button or form is no longer active. Run the command again.")


def unhandled(client: discord.Client, interaction: discord.Interaction) -> bool:
    """Whether discord.py found nothing to run; call it as the interaction is dispatched,
    before a view or modal that handles it can stop and leave the store."""
    if interaction.type not in (
        discord.InteractionType.component,
        discord.InteractionType.modal_submit,
    ):
        return False
    return not _handled(client, interaction)


async def answer_expired(interaction: discord.Interaction) -> None:
    log.info("no handler for a %s interaction; answered that it expired", interaction.type.name)
    await send_private(interaction, _(EXPIRED))


def _handled(client: discord.Client, interaction: discord.Interaction) -> bool:
    data: dict[str, Any] = dict(interaction.data or {})
    custom_id = data.get("custom_id")
    store = client._connection._view_store
    if interaction.type is discord.InteractionType.modal_submit:
        return custom_id in store._modals
    message = interaction.message
    if any(pattern.fullmatch(str(custom_id)) for pattern in store._dynamic_items):
        # discord.py builds a dynamic item only from a component the message really has.
        return message is not None and custom_id in set(_custom_ids(message.components))
    key = (data.get("component_type"), custom_id)
    message_id = message.id if message is not None else None
    views: dict[Any, dict[Any, Any]] = store._views
    return key in views.get(message_id, {}) or key in views.get(None, {})


def _custom_ids(components: Any) -> Iterator[str]:
    for component in components or []:
        custom_id = getattr(component, "custom_id", None)
        if custom_id:
            yield custom_id
        yield from _custom_ids(getattr(component, "children", None))
        # A card's section holds its button as an accessory, beside its text.
        accessory = getattr(component, "accessory", None)
        if accessory is not None:
            yield from _custom_ids([accessory])
