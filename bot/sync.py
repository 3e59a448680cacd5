"""Command sync: explicit, or automatic only when the command tree's JSON has changed."""

from __future__ import annotations

import hashlib
import json
import logging
from typing import TYPE_CHECKING, Any

import discord

if TYPE_CHECKING:
    from bot.client import SalaryBot

log = logging.getLogger(__name__)


def tree_payload(
    bot: SalaryBot, guild: discord.abc.Snowflake | None = None
) -> list[dict[str, Any]]:
    """Exactly what a sync would send for that scope."""
    return [command.to_dict(bot.tree) for command in bot.tree.get_commands(guild=guild)]


def tree_hash(payload: list[dict[str, Any]]) -> str:
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


def _meta_key(bot: SalaryBot, guild_id: int | None) -> str:
    # Keyed by application so a test or console application never hides a real one's sync.
    return f"command_hash:{bot.application_id}:{guild_id or 'global'}"


async def sync_commands(bot: SalaryBot, guild_id: int | None = None) -> int:
    """Sync now and remember what was synced; returns how many commands were sent."""
    guild = discord.Object(guild_id) if guild_id else None
    if guild is not None:
        bot.tree.copy_global_to(guild=guild)
    payload = tree_payload(bot, guild)
    synced = await bot.tree.sync(guild=guild)
    await bot.store.meta.set(_meta_key(bot, guild_id), tree_hash(payload))
    log.info(
        "synced %d commands to %s", len(synced), f"guild {guild_id}" if guild_id else "all servers"
    )
    return len(synced)


async def sync_if_changed(bot: SalaryBot, guild_id: int | None = None) -> bool:
    """Sync only when the tree differs from the last sync for this scope."""
    guild = discord.Object(guild_id) if guild_id else None
    if guild is not None:
        bot.tree.copy_global_to(guild=guild)
    current = tree_hash(tree_payload(bot, guild))
    if await bot.store.meta.get(_meta_key(bot, guild_id)) == current:
        log.info("commands unchanged since the last sync; not syncing")
        return False
    await sync_commands(bot, guild_id)
    return True
